//! Checks a chain before the first deployment transaction: that it runs what the contracts need
//! (the EIP-2537 BLS12-381 precompiles, called with known inputs; PUSH0, MCOPY and transient
//! storage), that the deployer can pay, and that the owner is an address. A chain that fails is
//! refused with everything it lacks, before any gas is spent: on a chain without the precompiles
//! a call to them "succeeds" with empty output, so the contracts would deploy and never verify a
//! signature.

use alloy::{
    hex,
    network::TransactionBuilder,
    primitives::{Address, Bytes, U256, address},
    providers::{DynProvider, Provider},
    rpc::types::TransactionRequest,
};
use session_client::error::During;

/// Gas of a whole deployment with the fee contracts (measured on anvil: see the e2e test that
/// checks a deployment stays below it), with a margin for other chains' gas schedules.
pub const DEPLOYMENT_GAS: u64 = 40_000_000;

/// The G1 generator in EIP-2537 encoding (each coordinate left-padded to 64 bytes).
const G1_GENERATOR: &str = "0000000000000000000000000000000017f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb0000000000000000000000000000000008b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";

/// Runs PUSH0, TSTORE/TLOAD and MCOPY and returns the word 42: `tstore(0, 42)`,
/// `mstore(0, tload(0))`, `mcopy(0x20, 0, 0x20)`, `return(0x20, 0x20)`.
const OPCODES_PROBE: &str = "602a5f5d5f5c5f5260205f60205e60206020f3";

/// What a chain lacks for the system; empty when it can run it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preflight {
    /// Everything missing or wrong, in words.
    pub problems: Vec<String>,
}

/// One EIP-2537 precompile call with a known answer.
struct Probe {
    name: &'static str,
    address: Address,
    input: Vec<u8>,
    output: Vec<u8>,
}

fn probes() -> Vec<Probe> {
    let generator = hex::decode(G1_GENERATOR).expect("constant");
    let one = U256::from(1).to_be_bytes::<32>().to_vec();
    let infinity = |len: usize| vec![0u8; len];
    let mut pairing_one = vec![0u8; 32];
    pairing_one[31] = 1;
    vec![
        // P + O = P
        Probe {
            name: "BLS12_G1ADD (0x0b)",
            address: address!("0x000000000000000000000000000000000000000b"),
            input: [generator.clone(), infinity(128)].concat(),
            output: generator.clone(),
        },
        // 1 * P = P
        Probe {
            name: "BLS12_G1MSM (0x0c)",
            address: address!("0x000000000000000000000000000000000000000c"),
            input: [generator.clone(), one.clone()].concat(),
            output: generator,
        },
        // O + O = O in G2
        Probe {
            name: "BLS12_G2ADD (0x0d)",
            address: address!("0x000000000000000000000000000000000000000d"),
            input: infinity(512),
            output: infinity(256),
        },
        // 1 * O = O in G2
        Probe {
            name: "BLS12_G2MSM (0x0e)",
            address: address!("0x000000000000000000000000000000000000000e"),
            input: [infinity(256), one].concat(),
            output: infinity(256),
        },
        // e(O, O) = 1
        Probe {
            name: "BLS12_PAIRING_CHECK (0x0f)",
            address: address!("0x000000000000000000000000000000000000000f"),
            input: infinity(384),
            output: pairing_one,
        },
        // map(0) in G1, checked by length: the point itself is the RFC 9380 vector's business
        Probe {
            name: "BLS12_MAP_FP_TO_G1 (0x10)",
            address: address!("0x0000000000000000000000000000000000000010"),
            input: infinity(64),
            output: Vec::new(),
        },
        Probe {
            name: "BLS12_MAP_FP2_TO_G2 (0x11)",
            address: address!("0x0000000000000000000000000000000000000011"),
            input: infinity(128),
            output: Vec::new(),
        },
    ]
}

/// Checks the chain behind `provider` for a deployment from `deployer` handed to `owner`.
pub async fn preflight(provider: &DynProvider, deployer: Address, owner: Address) -> session_client::Result<Preflight> {
    let action = "checking the chain before deploying";
    let mut problems = Vec::new();
    for probe in probes() {
        let call = TransactionRequest::default().to(probe.address).input(Bytes::from(probe.input).into());
        let answer = provider.call(call).await;
        let expected_len = match probe.name {
            n if n.contains("MAP_FP_TO_G1") => 128,
            n if n.contains("MAP_FP2_TO_G2") => 256,
            _ => probe.output.len(),
        };
        let good = match &answer {
            Ok(out) => {
                out.len() == expected_len && (probe.output.is_empty() || out.as_ref() == probe.output.as_slice())
            }
            Err(_) => false,
        };
        if !good {
            let got = match answer {
                Ok(out) if out.is_empty() => "an empty answer (no precompile there)".to_string(),
                Ok(out) => format!("{} bytes that are not the known answer", out.len()),
                Err(e) => format!("an error ({e})"),
            };
            problems.push(format!("EIP-2537 precompile {} gave {got}", probe.name));
        }
    }
    let probe =
        TransactionRequest::default().with_deploy_code(Bytes::from(hex::decode(OPCODES_PROBE).expect("constant")));
    match provider.call(probe).await {
        Ok(out) if out.len() == 32 && out[31] == 42 => {}
        _ => problems.push("the EVM lacks PUSH0, MCOPY or transient storage (Cancun and later)".into()),
    }

    let balance = provider.get_balance(deployer).await.during(action)?;
    let price = provider.get_gas_price().await.during(action)?;
    let needed = U256::from(DEPLOYMENT_GAS) * U256::from(price);
    if balance < needed {
        problems.push(format!(
            "the deployer {deployer} holds {} wei, a deployment needs about {needed} wei ({DEPLOYMENT_GAS} gas at {price} wei)",
            balance
        ));
    }
    if owner == Address::ZERO {
        problems.push("the owner is the zero address".into());
    }
    Ok(Preflight { problems })
}

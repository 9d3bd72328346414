//! SESH through the bindings: genesis, transfers, permit, burn, remint rights.

use alloy::primitives::{Address, U256};
use session_bindings::ContractError;
use session_bindings::SessionToken::SessionTokenErrors;
use session_client::permit::sign_permit;
use session_client::provider::now;
use session_client::transact::mined;
use session_client::units::sesh;
use session_deploy::genesis::Recipient;
use session_e2e::{TestEnv, revert_of};

#[tokio::test]
async fn genesis_mints_each_allocation_and_caps_the_supply() -> eyre::Result<()> {
    let env = TestEnv::without_fees().await?;
    let token = &env.system.token;
    assert_eq!(token.decimals().call().await?, 9);
    assert_eq!(token.symbol().call().await?, "SESH");
    assert_eq!(token.name().call().await?, "Session Token");
    assert_eq!(token.totalSupply().call().await?, token.MAX_SUPPLY().call().await?);
    let manifest = &env.system.manifest;
    for allocation in &env.genesis.allocations {
        // A locked allocation sits in its recipients' vesting contracts, each holding its share.
        let holders: Vec<Address> = match &allocation.recipient {
            _ if allocation.vesting.is_some() => {
                let vestings: Vec<_> = manifest.vesting.iter().filter(|v| v.name == allocation.name).collect();
                assert_eq!(
                    vestings.len(),
                    allocation.recipients().len(),
                    "{}: one vesting per recipient",
                    allocation.name
                );
                for (v, (beneficiary, share)) in vestings.iter().zip(allocation.recipients()) {
                    assert_eq!((v.beneficiary, v.allocation.clone()), (beneficiary, share.to_string()));
                }
                vestings.iter().map(|v| v.address).collect()
            }
            Recipient::RewardPool => vec![*env.system.reward_pool.address()],
            Recipient::SwapClaims => vec![manifest.address("MerkleClaims")?],
            Recipient::SwapConverter => vec![manifest.address("TokenConverter")?],
            Recipient::Account(account) => vec![*account],
            Recipient::Csv(_) => unreachable!("the devnet's CSV allocation vests"),
        };
        let mut held = U256::ZERO;
        for holder in holders {
            held += token.balanceOf(holder).call().await?;
        }
        assert_eq!(held, sesh(allocation.amount), "{}", allocation.name);
    }
    assert_eq!(token.balanceOf(env.owner()).call().await?, U256::ZERO, "the deployer keeps nothing");
    Ok(())
}

#[tokio::test]
async fn permit_signed_in_rust_lets_a_spender_pull_once() -> eyre::Result<()> {
    let env = TestEnv::without_fees().await?;
    let token = &env.system.token;
    let holder = env.holder();
    let spender = env.stranger();
    let chain_id = env.system.manifest.chain_id;
    let deadline = U256::from(now(&env.provider).await? + 600);
    let sig = sign_permit(holder, chain_id, *token.address(), spender, sesh(7), U256::ZERO, deadline)?;

    mined(
        token.permit(holder.address(), spender, sesh(7), deadline, sig.v, sig.r, sig.s).send().await?,
        "test transaction",
    )
    .await?;
    assert_eq!(token.allowance(holder.address(), spender).call().await?, sesh(7));
    mined(token.transferFrom(holder.address(), spender, sesh(7)).from(spender).send().await?, "test transaction")
        .await?;
    assert_eq!(token.balanceOf(spender).call().await?, sesh(7));

    // The nonce moved on: the same signature now recovers another signer.
    let replay = token.permit(holder.address(), spender, sesh(7), deadline, sig.v, sig.r, sig.s).send().await;
    assert!(matches!(revert_of::<SessionTokenErrors>(replay), SessionTokenErrors::ERC2612InvalidSigner(_)));
    Ok(())
}

#[tokio::test]
async fn burning_feeds_the_remint_reservoir_only_the_reminter_can_use() -> eyre::Result<()> {
    let env = TestEnv::without_fees().await?;
    let token = &env.system.token;
    let holder = env.holder().address();
    mined(token.burn(sesh(1_000)).from(holder).send().await?, "test transaction").await?;
    assert_eq!(token.totalBurnt().call().await?, sesh(1_000));
    assert_eq!(token.remintable().call().await?, sesh(1_000));
    assert_eq!(token.totalSupply().call().await?, token.MAX_SUPPLY().call().await? - sesh(1_000));

    // No reminter yet: nobody can mint, not even the deployer.
    let err = revert_of::<SessionTokenErrors>(token.remint(holder, sesh(1)).send().await);
    assert!(
        matches!(err, SessionTokenErrors::NotReminter(e) if e.caller == env.owner() && e.reminter == Address::ZERO)
    );

    // The admin fixes a reminter once; it can re-create at most what was burnt.
    let reminter = env.signers[8].address();
    mined(token.setReminter(reminter).send().await?, "test transaction").await?;
    let again = revert_of::<SessionTokenErrors>(token.setReminter(holder).send().await);
    assert!(matches!(again, SessionTokenErrors::ReminterAlreadySet(_)));
    let over = revert_of::<SessionTokenErrors>(token.remint(holder, sesh(1_001)).from(reminter).send().await);
    assert!(matches!(over, SessionTokenErrors::RemintExceedsBurnt(e) if e.remintable == sesh(1_000)));
    mined(token.remint(holder, sesh(1_000)).from(reminter).send().await?, "test transaction").await?;
    assert_eq!(token.totalSupply().call().await?, token.MAX_SUPPLY().call().await?);
    Ok(())
}

#[tokio::test]
async fn a_revert_is_explained_by_error_name_and_values() -> eyre::Result<()> {
    let env = TestEnv::without_fees().await?;
    let call = env.system.token.remint(env.stranger(), sesh(1)).from(env.stranger());
    let err = session_client::transact(call, "reminting").await.unwrap_err();
    assert!(matches!(err.revert(), Some(ContractError::NotReminter(e)) if e.caller == env.stranger()), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("reminting: reverted with NotReminter(caller: {}, reminter: {})", env.stranger(), Address::ZERO)
    );
    Ok(())
}

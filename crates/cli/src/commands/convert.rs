//! `sesh convert`: the Token Swap Program's converter, from the wrapped legacy token to SESH at the
//! ratio fixed at deployment. Everything the contract would refuse is checked with views first;
//! the converter is approved for exactly the amount, and no allowance is left behind.

use crate::context::GlobalArgs;
use alloy::primitives::U256;
use clap::Args;
use eyre::{bail, ensure};
use session_bindings::TokenConverter;
use session_client::{
    spend::Erc20,
    transact,
    units::{format_sesh, format_units, parse_sesh, parse_units},
};

/// Options of `sesh convert`.
#[derive(Debug, Clone, Args)]
pub struct ConvertArgs {
    /// How much of the legacy token to convert (in its own units: `12.5`).
    #[arg(long)]
    pub amount: String,
    /// The least SESH the conversion may pay (default: the converter's quote, which the fixed
    /// ratio cannot move).
    #[arg(long)]
    pub min_out: Option<String>,
}

/// Runs `sesh convert`.
pub async fn run(global: &GlobalArgs, args: ConvertArgs) -> eyre::Result<()> {
    let signer = global.signer()?;
    let me = signer.address();
    let deployment = global.deployment(global.provider(Some(signer))).await?;
    let converter = TokenConverter::new(deployment.manifest.address("TokenConverter")?, deployment.provider.clone());
    let legacy = Erc20::new(converter.LEGACY_TOKEN().call().await?, deployment.provider.clone());
    let (symbol, decimals) = (legacy.symbol().call().await?, u32::from(legacy.decimals().call().await?));
    let units = |amount: U256| format!("{} {symbol}", format_units(amount, decimals));

    let Some(amount) = parse_units(&args.amount, decimals) else {
        bail!(
            "`{}` is not an amount of {symbol}: digits with at most {decimals} decimals after a `.`, not zero",
            args.amount
        );
    };
    ensure!(!converter.paused().call().await?, "the converter is paused: nothing was sent");
    let out = converter.quote(amount).call().await?;
    ensure!(!out.is_zero(), "{} converts to 0 SESH at this ratio: nothing was sent", units(amount));
    let min_out = match &args.min_out {
        Some(text) => parse_sesh(text)?,
        None => out,
    };
    ensure!(
        out >= min_out,
        "{} converts to {} SESH, below the minimum of {} SESH you asked for: nothing was sent",
        units(amount),
        format_sesh(out),
        format_sesh(min_out)
    );
    let held = deployment.token.balanceOf(*converter.address()).call().await?;
    ensure!(
        out <= held,
        "the converter holds {} SESH, less than the {} SESH this would pay: nothing was sent",
        format_sesh(held),
        format_sesh(out)
    );
    let unit = parse_units("1", decimals).unwrap_or(U256::from(1));
    global.confirm(&format!(
        "converting {} to {} SESH (1 {symbol} = {} SESH, fixed), paid to {me}",
        units(amount),
        format_sesh(out),
        format_sesh(converter.quote(unit).call().await?)
    ))?;
    let action = "converting";
    deployment
        .spend_token(*legacy.address(), &units, me, *converter.address(), amount, action, async || {
            transact(converter.convert(amount, min_out).from(me), action).await
        })
        .await?;
    println!("converted {} to {} SESH", units(amount), format_sesh(out));
    Ok(())
}

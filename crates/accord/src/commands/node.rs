//! `accord node`: each party's own node, seen from the primary instance.
//!
//! A party may keep a node of its own, a copy of the log that follows the
//! primary's. The node reads the log's entries (`GET /log/tile/entries/…`)
//! with a bearer credential that an administrator sets up here, one per
//! node, revocable by its id:
//!
//! - `credential create --party AZ` issues one and prints the token alone
//!   on the last line, once (the accounts store keeps only its hash);
//! - `credential revoke ID` revokes it (its node is refused from then on);
//! - `credential list` lists them, live and revoked, never a token.
//!
//! The party is checked against the instance's charter.

use std::process::ExitCode;

use accord_app::App;
use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::commands::UsageError;
use crate::commands::account::open_accounts;
use crate::instance::InstanceArgs;
use crate::output::outln;

#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    /// The credentials parties' nodes read the log's entries with.
    #[command(subcommand)]
    Credential(CredentialCommand),
    /// Run a party's node: follow the primary at URL into a verified replica,
    /// serve it read-only, and cosign the primary's checkpoints as a witness.
    Follow(crate::commands::node_follow::FollowArgs),
    /// A node's status: its size, the primary's, and any alarm (exit 1 when
    /// there is one).
    Status(crate::commands::node_follow::StatusArgs),
    /// Check an evidence file a node wrote, with nothing but what it holds.
    Evidence(crate::commands::node_follow::EvidenceArgs),
}

#[derive(Debug, Subcommand)]
pub enum CredentialCommand {
    /// Issue a credential for a party's node (the token is printed once,
    /// alone on the last line).
    Create(CreateArgs),
    /// Revoke a credential by its id.
    Revoke(RevokeArgs),
    /// List the credentials, live and revoked (never their tokens).
    List(ListArgs),
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The party whose node it is (a party code of the charter: AZ, US).
    #[arg(long, value_name = "PARTY")]
    pub party: String,
    /// A label for the list of credentials (where the node runs).
    #[arg(long, value_name = "LABEL", default_value = "")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The credential's id, as `create` and `list` print it.
    #[arg(value_name = "ID")]
    pub id: String,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
}

pub fn run(command: NodeCommand) -> anyhow::Result<ExitCode> {
    match command {
        NodeCommand::Credential(CredentialCommand::Create(args)) => create(args),
        NodeCommand::Credential(CredentialCommand::Revoke(args)) => revoke(args),
        NodeCommand::Credential(CredentialCommand::List(args)) => list(args),
        NodeCommand::Follow(args) => crate::commands::node_follow::follow(args),
        NodeCommand::Status(args) => crate::commands::node_follow::status(args),
        NodeCommand::Evidence(args) => crate::commands::node_follow::evidence(args),
    }
}

/// The current time in Unix seconds.
fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// `given` as one of `known` (case aside), or a usage error naming them.
pub fn known_party(given: &str, known: &[String]) -> Result<String, UsageError> {
    let wanted = given.trim();
    known
        .iter()
        .find(|code| code.eq_ignore_ascii_case(wanted))
        .cloned()
        .ok_or_else(|| {
            UsageError(if known.is_empty() {
                format!("--party {given:?}: this instance's charter names no party yet")
            } else {
                format!(
                    "--party {given:?} is not a party of this instance: {}",
                    known.join(", ")
                )
            })
        })
}

fn create(args: CreateArgs) -> anyhow::Result<ExitCode> {
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})
        .context("cannot open the record")?;
    let parties: Vec<String> = app.parties().iter().map(|p| p.to_string()).collect();
    let party = known_party(&args.party, &parties)?;
    let accounts = open_accounts(&args.instance)?;
    let issued = accounts
        .issue_node_credential(&party, args.name.trim(), now())
        .context("cannot store the node credential")?;
    outln!(
        "node credential {} for party {party}: the node sends it as `Authorization: Bearer`; it is shown once:",
        issued.id
    );
    outln!("{}", issued.token);
    Ok(ExitCode::SUCCESS)
}

fn revoke(args: RevokeArgs) -> anyhow::Result<ExitCode> {
    let accounts = open_accounts(&args.instance)?;
    if accounts.revoke_node_credential(&args.id, now())? {
        outln!("node credential {} is revoked", args.id.trim());
        Ok(ExitCode::SUCCESS)
    } else {
        anyhow::bail!(
            "no live node credential has the id {:?} (`accord node credential list`)",
            args.id.trim()
        );
    }
}

fn list(args: ListArgs) -> anyhow::Result<ExitCode> {
    let accounts = open_accounts(&args.instance)?;
    let all = accounts.node_credentials()?;
    if all.is_empty() {
        outln!("no node credential (`accord node credential create --party PARTY`)");
    }
    for c in all {
        let created = jiff::Timestamp::from_second(c.created_at)
            .map(|t| t.to_string())
            .unwrap_or_else(|_| c.created_at.to_string());
        let status = match c.revoked_at.map(jiff::Timestamp::from_second) {
            None => "live".to_owned(),
            Some(Ok(t)) => format!("revoked {t}"),
            Some(Err(_)) => "revoked".to_owned(),
        };
        outln!("{}\t{}\t{created}\t{status}\t{}", c.id, c.party, c.name);
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_must_be_one_of_the_charters() {
        let known = vec!["AZ".to_owned(), "US".to_owned()];
        assert_eq!(known_party("az", &known).unwrap(), "AZ");
        assert_eq!(known_party(" US ", &known).unwrap(), "US");
        let refused = known_party("FR", &known).unwrap_err().to_string();
        assert!(refused.contains("AZ, US"), "{refused}");
        assert!(known_party("AZ", &[]).is_err());
    }
}

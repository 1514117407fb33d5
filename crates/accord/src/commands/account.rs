//! `accord account`: logins for the people of the record, from the
//! operator's console.
//!
//! - `add` registers a person (and their organisation when it is new),
//!   grants their roles, and creates their login: the record gets the
//!   person and the roles as events, the accounts store gets the password.
//! - `invite` creates a login without a password and prints the one-time
//!   link where the person sets it.
//! - `set-password` replaces a login's password (and ends its sessions).
//! - `api-token` issues a token a script sends as `Authorization: Bearer`,
//!   acting as a person; `revoke-api-token` revokes one.
//!
//! Passwords are read from standard input (`--password-stdin`), never from
//! the command line, where other users of the machine could read them.

use std::io::Read as _;
use std::process::ExitCode;

use accord_app::App;
use accord_domain::command::{Actor, Command};
use accord_domain::ids::{GroupId, OrganisationId, PartyCode, PersonId};
use accord_domain::model::{Organisation, OrganisationKind, Person, Role};
use accord_store::accounts::{Accounts, Link, Purpose, Scope};
use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::commands::UsageError;
use crate::instance::{DATABASE_FILE, InstanceArgs};
use crate::output::outln;

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Register a person with roles, and give them a login.
    Add(AddArgs),
    /// Create a login without a password and print its one-time link.
    Invite(InviteArgs),
    /// Set a login's password (read from standard input).
    SetPassword(SetPasswordArgs),
    /// Issue an API token that acts as a person (printed once).
    ApiToken(ApiTokenArgs),
    /// Revoke an API token (read from standard input).
    RevokeApiToken(RevokeApiTokenArgs),
}

#[derive(Debug, Args)]
pub struct ApiTokenArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The person the token acts as.
    #[arg(long, value_name = "ID")]
    pub person: String,
    /// What the token is for (a script's name), for the record of tokens.
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// `read` (see what the person may see) or `write` (also record
    /// commands as the person).
    #[arg(long, value_name = "SCOPE", default_value = "read")]
    pub scope: String,
}

#[derive(Debug, Args)]
pub struct RevokeApiTokenArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The person's id in the record (`az-coord`).
    #[arg(long, value_name = "ID")]
    pub person: String,
    /// The person's name.
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// The id of the person's organisation; registered when new.
    #[arg(long, value_name = "ORG")]
    pub organisation: String,
    /// The organisation's name, when it is new (default: its id).
    #[arg(long, value_name = "NAME")]
    pub organisation_name: Option<String>,
    /// The party a new organisation belongs to (a government's ministry).
    #[arg(long, value_name = "PARTY")]
    pub party: Option<String>,
    /// A role to grant (repeat the option): `coordinator:AZ`,
    /// `co_chair:GROUP:AZ`, `member:GROUP`, `partner`, `auditor`, `administrator`.
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<String>,
    /// The login's email address.
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// Read the login's password from standard input.
    #[arg(long, requires = "email")]
    pub password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct InviteArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The person's id in the record.
    #[arg(long, value_name = "ID")]
    pub person: String,
    /// The address the person logs in with.
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// The address the server is reached at, for the link.
    #[arg(long, value_name = "URL", default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
}

#[derive(Debug, Args)]
pub struct SetPasswordArgs {
    #[command(flatten)]
    pub instance: InstanceArgs,
    /// The login's email address.
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// Read the password from standard input (the only way to give it).
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

pub fn run(command: AccountCommand) -> anyhow::Result<ExitCode> {
    match command {
        AccountCommand::Add(args) => add(args),
        AccountCommand::Invite(args) => invite(args),
        AccountCommand::SetPassword(args) => set_password(args),
        AccountCommand::ApiToken(args) => api_token(args),
        AccountCommand::RevokeApiToken(args) => revoke_api_token(args),
    }
}

/// The SQLite file of an instance's accounts, in its data folder.
pub const ACCOUNTS_FILE: &str = "accounts.sqlite3";

/// The accounts of an instance. With SQLite they live in their own file
/// beside the log's (`accounts.sqlite3`), so that a copy of the log handed to
/// an auditor carries no password hashes, sessions or tokens; with
/// PostgreSQL, in their own `account_` tables of the same database.
pub fn open_accounts(instance: &InstanceArgs) -> anyhow::Result<Accounts> {
    match &instance.database_url {
        Some(url) => {
            Accounts::connect_postgres(url).context("cannot open the accounts in PostgreSQL")
        }
        None => {
            if !instance.data.join(DATABASE_FILE).exists() {
                anyhow::bail!(
                    "no accord instance in {} (no {DATABASE_FILE}): create one with `accord init --data {}`",
                    instance.data.display(),
                    instance.data.display()
                );
            }
            let path = instance.data.join(ACCOUNTS_FILE);
            Accounts::open_sqlite(&path)
                .with_context(|| format!("cannot open the accounts in {}", path.display()))
        }
    }
}

/// The current time in Unix seconds.
fn now() -> i64 {
    jiff::Timestamp::now().as_second()
}

/// A password from standard input, without its final newline.
fn read_password() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the password from standard input")?;
    let password = text.strip_suffix('\n').unwrap_or(&text);
    Ok(password.strip_suffix('\r').unwrap_or(password).to_owned())
}

/// A role from its command-line spelling.
pub fn parse_role(text: &str) -> Result<Role, UsageError> {
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let role = match parts.as_slice() {
        ["coordinator", party] => Role::Coordinator {
            party: PartyCode::new(*party),
        },
        ["co_chair" | "co-chair", group, party] => Role::CoChair {
            group: GroupId::new(*group),
            party: PartyCode::new(*party),
        },
        ["member", group] => Role::Member {
            group: GroupId::new(*group),
        },
        ["partner"] => Role::Partner,
        ["auditor"] => Role::Auditor,
        ["administrator"] => Role::Administrator,
        _ => {
            return Err(UsageError(format!(
                "--role {text:?}: expected coordinator:PARTY, co_chair:GROUP:PARTY, member:GROUP, partner, auditor or administrator"
            )));
        }
    };
    Ok(role)
}

fn add(args: AddArgs) -> anyhow::Result<ExitCode> {
    let roles = args
        .roles
        .iter()
        .map(|r| parse_role(r))
        .collect::<Result<Vec<_>, _>>()?;
    let password = if args.password_stdin {
        Some(read_password()?)
    } else {
        None
    };
    if let Some(password) = &password {
        accord_store::accounts::secret::check_password(password)?;
    }
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let person = PersonId::new(args.person.as_str());
    // Refuse a login that cannot be created before recording anything.
    let accounts = match &args.email {
        Some(email) => {
            let email = accord_store::accounts::normalise_email(email)?;
            let accounts = open_accounts(&args.instance)?;
            if let Some(taken) = accounts
                .logins()?
                .into_iter()
                .find(|l| l.email == email || l.person == person.as_str())
            {
                anyhow::bail!(
                    "{} already logs in as {}: nothing recorded",
                    taken.email,
                    taken.person
                );
            }
            Some(accounts)
        }
        None => None,
    };
    let organisation = OrganisationId::new(args.organisation.as_str());
    let (organisation_exists, person_exists) = app.read(|s| {
        (
            s.organisations.contains_key(&organisation),
            s.persons.contains_key(&person),
        )
    });
    let mut commands = Vec::new();
    if !organisation_exists {
        let party = args.party.as_deref().map(PartyCode::new);
        commands.push(Command::RegisterOrganisation {
            organisation: Organisation {
                id: organisation.clone(),
                name: args
                    .organisation_name
                    .clone()
                    .unwrap_or_else(|| args.organisation.clone()),
                kind: if party.is_some() {
                    OrganisationKind::Government
                } else {
                    OrganisationKind::CivilSociety
                },
                party,
            },
        });
    }
    if !person_exists {
        commands.push(Command::RegisterPerson {
            person: Person {
                id: person.clone(),
                name: args.name.clone(),
                organisation,
            },
        });
    }
    let granted = roles.len();
    commands.extend(roles.into_iter().map(|role| Command::GrantRole {
        person: person.clone(),
        role,
    }));
    if !commands.is_empty() {
        let receipt = app
            .execute_all(&Actor::System, commands, jiff::Timestamp::now())
            .with_context(|| format!("cannot record {person}"))?;
        outln!(
            "recorded {person} with {granted} role(s); log: {} entries",
            receipt.size
        );
    }
    if let (Some(email), Some(accounts)) = (&args.email, &accounts) {
        let email = accounts
            .create_login(email, person.as_str(), password.as_deref(), now())
            .with_context(|| format!("cannot create the login of {person}"))?;
        outln!(
            "login {email} for {person}{}",
            if password.is_some() {
                ""
            } else {
                " (no password yet: `accord account invite` or `set-password`)"
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn invite(args: InviteArgs) -> anyhow::Result<ExitCode> {
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let person = PersonId::new(args.person.as_str());
    if !app.read(|s| s.persons.contains_key(&person)) {
        anyhow::bail!(
            "person {person} is not in the record: add them first (`accord account add`)"
        );
    }
    let accounts = open_accounts(&args.instance)?;
    let email = match accounts.email_of(person.as_str())? {
        Some(existing) => existing,
        None => accounts.create_login(&args.email, person.as_str(), None, now())?,
    };
    let token = accounts.issue_link(
        &Link {
            purpose: Purpose::Invitation,
            person: Some(person.to_string()),
            email: Some(email.clone()),
        },
        now(),
    )?;
    outln!("{}/invitation/{token}", args.base_url.trim_end_matches('/'));
    Ok(ExitCode::SUCCESS)
}

fn set_password(args: SetPasswordArgs) -> anyhow::Result<ExitCode> {
    let password = read_password()?;
    let accounts = open_accounts(&args.instance)?;
    accounts.set_password(&args.email, &password)?;
    outln!(
        "password set for {}; its sessions are ended",
        args.email.trim().to_lowercase()
    );
    Ok(ExitCode::SUCCESS)
}

fn api_token(args: ApiTokenArgs) -> anyhow::Result<ExitCode> {
    let app = App::open(args.instance.open_ledger()?, &mut |_, _| {})?;
    let person = PersonId::new(args.person.as_str());
    if !app.read(|s| s.persons.contains_key(&person)) {
        anyhow::bail!("person {person} is not in the record");
    }
    let scope = Scope::parse(&args.scope)
        .ok_or_else(|| UsageError(format!("--scope {:?}: read or write", args.scope)))?;
    let accounts = open_accounts(&args.instance)?;
    let token = accounts.issue_api_token(person.as_str(), &args.name, scope, now())?;
    outln!("{token}");
    Ok(ExitCode::SUCCESS)
}

fn revoke_api_token(args: RevokeApiTokenArgs) -> anyhow::Result<ExitCode> {
    let token = read_password()?;
    let accounts = open_accounts(&args.instance)?;
    if accounts.revoke_api_token(token.trim(), now())? {
        outln!("the token is revoked");
        Ok(ExitCode::SUCCESS)
    } else {
        anyhow::bail!("no live API token matches");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_spelt_with_colons() {
        assert_eq!(
            parse_role("coordinator:AZ").unwrap(),
            Role::Coordinator { party: "AZ".into() }
        );
        assert_eq!(
            parse_role("co_chair:energy:US").unwrap(),
            Role::CoChair {
                group: "energy".into(),
                party: "US".into()
            }
        );
        assert_eq!(parse_role("auditor").unwrap(), Role::Auditor);
        assert!(parse_role("coordinator").is_err());
        assert!(parse_role("king:AZ").is_err());
    }
}

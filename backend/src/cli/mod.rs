//! The `hocba` command line, one file per command group: [`serve`] (`serve`, `migrate`, `tsa serve`),
//! [`sheets`] (`import`, `export`), [`batch`], [`verify`], [`keys`], [`sign`] (USB token),
//! [`backup`] (`backup`, `restore`), [`demo`] (`demo generate`);
//! `documents refresh-ltv` and `audit verify` are here. Commands print Vietnamese for people;
//! errors are printed by `main`.

pub mod backup;
pub mod batch;
pub mod demo;
pub mod keys;
pub mod serve;
pub mod sheets;
pub mod sign;
pub mod verify;

use crate::settings::{Overrides, Settings};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "hocba", version, about = "Học bạ số cho trường tiểu học (TT27/2020)")]
struct Cli {
    /// Settings file (default: ./hocba.toml if present).
    #[arg(long, global = true, env = "HOCBA_CONFIG")]
    config: Option<PathBuf>,
    /// Data folder: SQLite database, keys, secrets.
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    /// Database URL: postgres://… or a SQLite file path (default: <data>/hocba.sqlite3).
    #[arg(long, global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (UI and API).
    Serve {
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long)]
        bind: Option<String>,
        /// Seed the demo school into an empty database and print the demo logins.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// A consistent copy of the database (while the server runs), the data folder's secrets and
    /// keys and the settings, into a new folder, with SHA-256 of every file.
    Backup {
        /// The new folder to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Put a backup back: every file checked first, the database replaced, the audit chain checked.
    Restore {
        /// The backup folder (`hocba backup --out`).
        from: PathBuf,
        /// Replace a database that already holds a school (stop the server first).
        #[arg(long)]
        force: bool,
    },
    /// Hand over a whole class: issue every pupil's signed học bạ and zip them (resumes an
    /// interrupted run of the same class).
    Batch {
        /// The class name ("5A") in the current school year, or in --year.
        #[arg(long)]
        class: String,
        /// The school year ("2025-2026"); default: the current one.
        #[arg(long)]
        year: Option<String>,
        /// Act as this principal or admin (default: the first active principal).
        #[arg(long = "as")]
        as_user: Option<String>,
    },
    /// A small RFC 3161 timestamp authority of hocba's own, for tests and trials (test certificates).
    Tsa {
        #[command(subcommand)]
        command: TsaCommand,
    },
    /// Import a spreadsheet (XLSX or CSV): all rows or none; every bad row is listed.
    Import {
        kind: sheets::Kind,
        file: PathBuf,
        /// The class of a pupil list ("5A"); without it each row names its class ("Lớp").
        #[arg(long)]
        class: Option<String>,
        /// Check and show what would happen without writing.
        #[arg(long)]
        dry_run: bool,
        /// Act as this admin or principal (default: the first active admin).
        #[arg(long = "as")]
        as_user: Option<String>,
    },
    /// Export a spreadsheet (XLSX, or CSV when the output ends in .csv).
    Export {
        kind: sheets::Kind,
        /// The class of a pupil list ("5A"); without it the whole school.
        #[arg(long)]
        class: Option<String>,
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long = "as")]
        as_user: Option<String>,
    },
    /// Check a signed học bạ PDF offline. Exit status: 0 authentic and current (checked against the
    /// school's register in --data); 2 usage or unreadable file; 3 modified; 4 revoked or superseded;
    /// 5 signer not trusted; 6 not a signed học bạ; 7 signatures valid but status not checked (--ca).
    Verify {
        file: PathBuf,
        /// Trusted CA certificate(s), PEM; without it, the CAs of the school in --data.
        #[arg(long)]
        ca: Vec<PathBuf>,
    },
    /// Issued documents.
    Documents {
        #[command(subcommand)]
        command: DocumentsCommand,
    },
    /// Audit trail tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Signers' keys and certificates (teachers, principal, school seal).
    Keys {
        /// The school by its code (mã trường); default: the first school of the database.
        #[arg(long, global = true)]
        school: Option<String>,
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// Sign your pending documents with your USB token (run where the token is plugged in).
    Sign {
        /// The school's hocba server, e.g. https://hocba.truong.edu.vn
        #[arg(long)]
        server: String,
        /// Your username on the server (password from HOCBA_PASSWORD or asked).
        #[arg(long)]
        user: String,
        /// The token's PKCS#11 module (.so/.dll from the token's vendor).
        #[arg(long)]
        pkcs11_module: PathBuf,
        /// The token's PKCS#11 slot ID; optional when one token is plugged in (PIN from HOCBA_TOKEN_PIN or
        /// asked, once).
        #[arg(long)]
        slot: Option<u64>,
        /// The label of the signing key on the token, when it holds several.
        #[arg(long)]
        key_label: Option<String>,
    },
    /// Demo data for trials and benchmarks.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Write synthetic schools into the database (refused when their codes exist): accounts,
    /// pupils, classes, approved records with their cells, year-end records and awards. Every
    /// account's password is "demo". Each school is written whole or not at all.
    Generate {
        /// How many schools (codes 10800001, 10800002, …).
        #[arg(long, default_value_t = 1)]
        schools: u32,
        /// Pupils of each school in every year, about a fifth per grade, classes of at most 35.
        #[arg(long, default_value_t = 420)]
        pupils_per_school: u32,
        /// School years, ending with the current one (2025-2026).
        #[arg(long, default_value_t = 5)]
        years: u32,
        /// Schools written at once on PostgreSQL (default: one per CPU, at most 8); SQLite
        /// writes one at a time.
        #[arg(long)]
        jobs: Option<u32>,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Create a TEST CA and test certificates for the seal, the principal and every teacher who lacks one.
    Init,
    /// Import a PKCS#12 file (.p12/.pfx); password from HOCBA_P12_PASSWORD or asked.
    Import {
        file: PathBuf,
        #[arg(long, value_enum)]
        role: keys::RoleArg,
        /// The staff member's username (not for the seal).
        #[arg(long)]
        user: Option<String>,
        /// Issuer certificates (PEM) missing from the file.
        #[arg(long)]
        ca: Option<PathBuf>,
    },
    /// Register a certificate whose key stays on a USB token.
    RegisterToken {
        #[arg(long, value_enum)]
        role: keys::RoleArg,
        #[arg(long)]
        user: Option<String>,
        /// The certificate (PEM), optionally followed by its issuers.
        #[arg(long)]
        cert: PathBuf,
        /// Issuer certificates (PEM) missing from --cert.
        #[arg(long)]
        ca: Option<PathBuf>,
    },
    /// List the certificates.
    List,
    /// Trust another CA (PEM), e.g. that of a school pupils transfer from: its signed records can
    /// then be verified and imported. Compare its fingerprint with the other school first.
    TrustCa { file: PathBuf },
    /// Revoke a certificate: it can no longer sign.
    Revoke {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum TsaCommand {
    /// Answer timestamp requests (POST /, application/timestamp-query); the CA certificate to trust
    /// is written to <data>/tsa-ca.pem.
    Serve {
        #[arg(long, default_value = "127.0.0.1:3180")]
        bind: String,
    },
}

#[derive(Subcommand)]
enum DocumentsCommand {
    /// Keep the long-term proof (PAdES B-LTA) of issued documents alive: every current document
    /// whose last document timestamp's authority certificate expires within --within-days, or that
    /// has none, gets fresh validation data and a new document timestamp (needs tsa_url; the
    /// demo's own authority otherwise). Run it yearly, e.g. from cron.
    RefreshLtv {
        #[arg(long, default_value_t = 365)]
        within_days: u32,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain of the audit log.
    Verify,
}

fn settings(cli: &Cli, bind: Option<String>, demo: bool) -> anyhow::Result<Settings> {
    Ok(Settings::load(&Overrides {
        config_file: cli.config.clone(),
        bind,
        data_dir: cli.data.clone(),
        database_url: cli.database_url.clone(),
        demo,
    })?)
}

/// The `hocba` program: parses the command line, runs the command, prints an error for people.
pub fn main() -> std::process::ExitCode {
    crate::telemetry::init("info,actix_server=warn");
    let cli = Cli::parse();
    if let Command::Verify { file, ca } = &cli.command {
        return match verify_file(&cli, file, ca) {
            Ok(exit) => std::process::ExitCode::from(exit.code()),
            Err(e) => {
                eprintln!("{e:#}");
                std::process::ExitCode::from(verify::Exit::Usage.code())
            }
        };
    }
    match run(&cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // The message only (with its causes): these are read by people, not developers.
            eprintln!("{e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// `hocba verify`: against the given CA files, else the school's data folder.
fn verify_file(cli: &Cli, file: &std::path::Path, ca: &[PathBuf]) -> anyhow::Result<verify::Exit> {
    if ca.is_empty() {
        let settings = settings(cli, None, false)?;
        let db = crate::db::Db::open(&settings.database_url())?;
        let stamps = crate::signing::tsa::LocalTsa::stored_ca_pem(&settings.data_dir.join("test-tsa"));
        verify::run(file, verify::TrustSource::Database(&db, stamps.into_iter().collect()))
    } else {
        verify::run(file, verify::TrustSource::Files(ca))
    }
}

fn run(cli: &Cli) -> anyhow::Result<()> {
    match &cli.command {
        Command::Serve { bind, demo } => serve::serve(settings(cli, bind.clone(), *demo)?, *demo),
        Command::Migrate => serve::migrate(&settings(cli, None, false)?),
        Command::Backup { out } => {
            let settings = settings(cli, None, false)?;
            let manifest = backup::backup(&settings, cli.config.as_deref(), out)?;
            println!(
                "Đã sao lưu vào {} ({} tệp, cơ sở dữ liệu {}).",
                out.display(),
                manifest.files.len(),
                manifest.database
            );
            if settings.signing_key_secret.is_some() || settings.signing_key_secret_file.is_some() {
                println!(
                    "Bí mật mở khoá kí (signing_key_secret) không nằm trong bản sao lưu: hãy giữ nó riêng, \
                     thiếu nó các khoá kí trong bản sao lưu không dùng được."
                );
            }
            Ok(())
        }
        Command::Restore { from, force } => {
            let settings = settings(cli, None, false)?;
            let restored = backup::restore(&settings, from, *force)?;
            println!(
                "Đã khôi phục cơ sở dữ liệu {} từ {}; nhật kí kiểm tra: {} mục, chuỗi băm hợp lệ.",
                restored.database,
                from.display(),
                restored.audit_entries
            );
            Ok(())
        }
        Command::Batch { class, year, as_user } => {
            let settings = settings(cli, None, false)?;
            let prepared = crate::startup::prepare(&settings)?;
            batch::run(&settings, &prepared, class, year.as_deref(), as_user.as_deref())
        }
        Command::Tsa { command: TsaCommand::Serve { bind } } => serve::tsa(&settings(cli, None, false)?, bind),
        Command::Import { kind, file, class, dry_run, as_user } => {
            let settings = settings(cli, None, false)?;
            let db = crate::db::Db::open(&settings.database_url())?;
            let user = sheets::actor(&db, as_user.as_deref())?;
            sheets::import(&db, &user, *kind, file, class.as_deref(), *dry_run)?;
            Ok(())
        }
        Command::Export { kind, class, output, as_user } => {
            let settings = settings(cli, None, false)?;
            let db = crate::db::Db::open(&settings.database_url())?;
            let user = sheets::actor(&db, as_user.as_deref())?;
            let path = sheets::export(&db, &user, *kind, class.as_deref(), output.as_deref())?;
            println!("Đã ghi {}", path.display());
            Ok(())
        }
        Command::Verify { .. } => anyhow::bail!("hocba verify runs from main"),
        Command::Documents { command: DocumentsCommand::RefreshLtv { within_days } } => {
            let settings = settings(cli, None, false)?;
            let prepared = crate::startup::prepare(&settings)?;
            refresh_ltv(&prepared, *within_days)
        }
        Command::Audit { command: AuditCommand::Verify } => {
            let settings = settings(cli, None, false)?;
            let db = crate::db::Db::open(&settings.database_url())?;
            match db.read(crate::services::audit::verify_chain)? {
                Ok(n) => {
                    println!("Nhật kí kiểm tra toàn vẹn: {n} mục, chuỗi băm hợp lệ.");
                    Ok(())
                }
                Err(seq) => anyhow::bail!("Nhật kí kiểm tra đã bị sửa: mục số {seq} không khớp chuỗi băm (audit chain broken at entry {seq})."),
            }
        }
        Command::Sign { server, user, pkcs11_module, slot, key_label } => sign::run(&sign::SignOptions {
            server: server.clone(),
            user: user.clone(),
            module: pkcs11_module.clone(),
            slot: *slot,
            key_label: key_label.clone(),
        }),
        Command::Demo { command: DemoCommand::Generate { schools, pupils_per_school, years, jobs } } => {
            let options = crate::services::synthetic::Options {
                schools: *schools,
                pupils_per_school: *pupils_per_school,
                years: *years,
                jobs: *jobs,
            };
            demo::generate(&settings(cli, None, false)?, &options)
        }
        Command::Keys { school, command } => {
            let school = school.as_deref();
            let settings = settings(cli, None, false)?;
            std::fs::create_dir_all(&settings.data_dir)?;
            let db = crate::db::Db::open(&settings.database_url())?;
            let secret = || crate::signing::SigningSecret::from_settings(&settings).map_err(|e| anyhow::anyhow!("{e}"));
            match command {
                KeysCommand::Init => keys::init(&db, school, &secret()?, settings.public_url.as_deref()),
                KeysCommand::Import { file, role, user, ca } => {
                    keys::import(&db, school, &secret()?, file, *role, user.as_deref(), ca.as_deref())
                }
                KeysCommand::RegisterToken { role, user, cert, ca } => {
                    keys::register_token(&db, school, *role, user.as_deref(), cert, ca.as_deref())
                }
                KeysCommand::List => keys::list(&db, school),
                KeysCommand::TrustCa { file } => keys::trust_ca(&db, school, file),
                KeysCommand::Revoke { id, reason } => keys::revoke(&db, school, id, reason),
            }
        }
    }
}

/// `hocba documents refresh-ltv`.
fn refresh_ltv(prepared: &crate::startup::Prepared, within_days: u32) -> anyhow::Result<()> {
    let bar = indicatif::ProgressBar::new_spinner();
    let done = crate::services::issuance::renewal::refresh(
        &prepared.db,
        &prepared.documents,
        &prepared.signing_secret,
        chrono::Duration::days(i64::from(within_days)),
        |r| bar.set_message(format!("{} học bạ đã xem, {} đã gia hạn", r.checked, r.renewed)),
    )
    .map_err(|e| anyhow::anyhow!("{}", e.user_message()))?;
    bar.finish_and_clear();
    println!("Đã xem {} học bạ đang hiệu lực; đã gia hạn bằng chứng dài hạn cho {}.", done.checked, done.renewed);
    Ok(())
}

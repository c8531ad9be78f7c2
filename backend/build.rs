//! Builds the Yew frontend and leaves it in `$OUT_DIR/dist`, where `src/assets.rs` embeds it.
//!
//! 1. adds the `wasm32-unknown-unknown` target with rustup when it is missing;
//! 2. runs a nested `cargo build -p frontend --target wasm32-unknown-unknown --profile wasm-release`
//!    (same target directory as the outer build; cargo caches it), three times: the full app, the
//!    teacher's build (`--features area-teacher`) and the teacher's first screens (`area-grid`);
//! 3. runs wasm-bindgen on each (as a library, same version as `wasm-bindgen` in Cargo.lock) for
//!    `--target web`, and writes each build's page and start script (`index.html`, `boot.js`;
//!    `index_teacher.html`, `boot_teacher.js`; `index_grid.html`, `boot_grid.js`);
//! 4. copies `style.css`, the icon and the web app manifest, gives the app's files content-hashed
//!    names, and writes gzip and brotli copies of every file of the app shell.
//!
//! Set `HOCBA_PRINT_SIZES=1` to see the sizes as build warnings.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::env;
use std::error::Error;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

type BoxError = Box<dyn Error + Send + Sync>;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "wasm-release";

fn main() -> Result<(), BoxError> {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let root = manifest_dir.parent().ok_or("backend crate has no parent directory")?.to_path_buf();
    let frontend = root.join("frontend");
    for path in [
        "frontend/src",
        "frontend/Cargo.toml",
        "frontend/index.html",
        "frontend/style.css",
        "frontend/sw.js",
        "frontend/boot.js",
        "frontend/pages.js",
        "frontend/favicon.svg",
        "frontend/manifest.webmanifest",
        "core/src",
        "core/Cargo.toml",
        "Cargo.lock",
        "migrations",
        "Cargo.toml",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(path).display());
    }
    println!("cargo:rerun-if-env-changed=HOCBA_PRINT_SIZES");
    println!("cargo:rerun-if-env-changed=HOCBA_SKIP_FRONTEND");

    let dist = PathBuf::from(env::var("OUT_DIR")?).join("dist");
    if env::var_os("HOCBA_SKIP_FRONTEND").is_some() {
        // Backend-only development: serve a one-line page instead of building the wasm app.
        fs::create_dir_all(&dist)?;
        fs::write(dist.join("index.html"), "<!doctype html><title>hocba</title><p>frontend not built</p>")?;
        let same: Vec<(String, String)> = HASHED.iter().map(|f| (f.to_string(), f.to_string())).collect();
        write_asset_names(&same)?;
        return Ok(());
    }

    ensure_wasm_target()?;
    if dist.exists() {
        fs::remove_dir_all(&dist)?;
    }
    fs::create_dir_all(&dist)?;
    // The full app, the teacher's build (`area-teacher`), the teacher's first screens
    // (`area-grid`): the same shell files, each variant's own page, start script and bindings.
    for (area, features) in [("", None), ("_teacher", Some("area-teacher")), ("_grid", Some("area-grid"))] {
        let wasm = build_frontend(&root, features)?;
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .out_name(&format!("frontend{area}"))
            .web(true)?
            .typescript(false)
            .omit_default_module_path(false)
            .remove_name_section(true)
            .remove_producers_section(true)
            .generate(&dist)?;
        let variant = |text: String| {
            text.replace("/frontend.js\"", &format!("/frontend{area}.js\""))
                .replace("/frontend_bg.wasm\"", &format!("/frontend{area}_bg.wasm\""))
                .replace(
                    "/sw.js\"",
                    &format!("/sw.js{}\"", area.strip_prefix('_').map(|a| format!("?area={a}")).unwrap_or_default()),
                )
                .replace("/boot.js\"", &format!("/boot{area}.js\""))
        };
        fs::write(dist.join(format!("boot{area}.js")), variant(fs::read_to_string(frontend.join("boot.js"))?))?;
        fs::write(dist.join(format!("index{area}.html")), variant(fs::read_to_string(frontend.join("index.html"))?))?;
    }
    for file in ["style.css", "pages.js", "favicon.svg", "manifest.webmanifest"] {
        fs::copy(frontend.join(file), dist.join(file))?;
    }
    // The service worker names its cache after this build, so a new build replaces the old shell.
    let build_id = hex_digest(&fs::read(dist.join("frontend_bg.wasm"))?, &fs::read(dist.join("style.css"))?);
    let worker = fs::read_to_string(frontend.join("sw.js"))?.replace("__HOCBA_BUILD__", &build_id);
    fs::write(dist.join("sw.js"), worker)?;
    let names = content_hashed_names(&dist)?;
    write_asset_names(&names)?;
    let mut sizes = Vec::new();
    // Precompressed once here, so the server never compresses a static file per request.
    let served: Vec<&str> = names
        .iter()
        .map(|(_, hashed)| hashed.as_str())
        .chain(["index.html", "index_teacher.html", "index_grid.html", "sw.js", "favicon.svg", "manifest.webmanifest"])
        .collect();
    for file in served {
        let raw = fs::read(dist.join(file))?;
        let gz = gzip(&raw)?;
        let br = brotli(&raw)?;
        fs::write(dist.join(format!("{file}.gz")), &gz)?;
        fs::write(dist.join(format!("{file}.br")), &br)?;
        sizes.push(format!("{file}: {} bytes, {} gzip, {} brotli", raw.len(), gz.len(), br.len()));
    }
    if env::var_os("HOCBA_PRINT_SIZES").is_some() {
        for line in sizes {
            println!("cargo:warning={line}");
        }
    }
    Ok(())
}

/// Files served under content-hashed names (cached for a year), in the order their names are
/// rewritten: each file's hash covers the hashed names it refers to.
const HASHED: [&str; 11] = [
    "frontend_bg.wasm",
    "frontend.js",
    "boot.js",
    "frontend_teacher_bg.wasm",
    "frontend_teacher.js",
    "boot_teacher.js",
    "frontend_grid_bg.wasm",
    "frontend_grid.js",
    "boot_grid.js",
    "style.css",
    "pages.js",
];

/// Renames the app's files to `stem.<crc32>.ext` and rewrites every reference to them (the
/// wasm in the bindings, both in boot.js, the shell's files in index.html and in the service
/// worker's list); answers (plain name, hashed name) for each.
fn content_hashed_names(dist: &Path) -> Result<Vec<(String, String)>, BoxError> {
    let mut names: Vec<(String, String)> = Vec::new();
    let rewrite = |text: String, names: &[(String, String)]| {
        names.iter().fold(text, |t, (plain, hashed)| t.replace(&format!("/{plain}\""), &format!("/{hashed}\"")))
    };
    for plain in HASHED {
        let path = dist.join(plain);
        let mut data = fs::read(&path)?;
        if let Some(stem) = plain.strip_suffix(".js").filter(|s| s.starts_with("frontend")) {
            // The bindings name their wasm without a path: `new URL('frontend_bg.wasm', …)`.
            let text = String::from_utf8(data)?;
            let wasm_plain = format!("{stem}_bg.wasm");
            let (_, wasm) = names.iter().find(|(p, _)| *p == wasm_plain).ok_or("bindings before their wasm")?;
            data = text.replace(&format!("'{wasm_plain}'"), &format!("'{wasm}'")).into_bytes();
        } else if plain.ends_with(".js") {
            data = rewrite(String::from_utf8(data)?, &names).into_bytes();
        }
        let (stem, ext) = plain.rsplit_once('.').ok_or("a file without extension")?;
        let hashed = format!("{stem}.{}.{ext}", &hex_digest(&data, &[])[..8]);
        fs::remove_file(&path)?;
        fs::write(dist.join(&hashed), &data)?;
        names.push((plain.to_string(), hashed));
    }
    for shell in ["index.html", "index_teacher.html", "index_grid.html", "sw.js"] {
        let text = fs::read_to_string(dist.join(shell))?;
        fs::write(dist.join(shell), rewrite(text, &names))?;
    }
    Ok(names)
}

/// `$OUT_DIR/asset_names.rs`: the served name of each hashed file, for `src/assets.rs`.
fn write_asset_names(names: &[(String, String)]) -> Result<(), BoxError> {
    let mut out = String::from(
        "/// (plain name, served name) of each content-hashed file of the app.\npub const ASSET_NAMES: &[(&str, &str)] = &[\n",
    );
    for (plain, hashed) in names {
        out.push_str(&format!("    ({plain:?}, {hashed:?}),\n"));
    }
    out.push_str("];\n");
    fs::write(PathBuf::from(env::var("OUT_DIR")?).join("asset_names.rs"), out)?;
    Ok(())
}

/// Runs `rustup target add` when the standard library for wasm is not installed.
fn ensure_wasm_target() -> Result<(), BoxError> {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(&rustc).args(["--print", "target-libdir", "--target", WASM_TARGET]).output()?;
    let libdir = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if out.status.success() && !libdir.is_empty() && Path::new(&libdir).is_dir() {
        return Ok(());
    }
    let status = Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .map_err(|e| format!("the {WASM_TARGET} target is missing and rustup could not be run ({e}); install it with `rustup target add {WASM_TARGET}`"))?;
    if !status.success() {
        return Err(format!("`rustup target add {WASM_TARGET}` failed").into());
    }
    Ok(())
}

/// Builds the frontend crate for wasm with `features` and returns the path of its `.wasm` (the
/// same path for every feature set: read it before the next build).
fn build_frontend(root: &Path, features: Option<&str>) -> Result<PathBuf, BoxError> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root).args([
        "build",
        "-p",
        "frontend",
        "--target",
        WASM_TARGET,
        "--profile",
        PROFILE,
        "--message-format=json-render-diagnostics",
    ]);
    if let Some(features) = features {
        cmd.args(["--features", features]);
    }
    // What cargo sets for this build script must not leak into the nested build: flags and cfgs
    // of the host build, our package's identity, and the clippy wrapper (it would make the
    // frontend's fingerprint differ between `cargo build` and `cargo clippy`).
    for (key, _) in env::vars_os() {
        let Some(key) = key.to_str() else { continue };
        let drop = matches!(
            key,
            "CARGO_ENCODED_RUSTFLAGS"
                | "RUSTFLAGS"
                | "TARGET"
                | "HOST"
                | "OUT_DIR"
                | "OPT_LEVEL"
                | "PROFILE"
                | "DEBUG"
                | "NUM_JOBS"
                | "RUSTC_WORKSPACE_WRAPPER"
                | "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_MANIFEST_LINKS"
                | "CARGO_CRATE_NAME"
                | "CARGO_PRIMARY_PACKAGE"
        ) || key.starts_with("CARGO_CFG_")
            || key.starts_with("CARGO_FEATURE_")
            || key.starts_with("CARGO_PKG_");
        if drop {
            cmd.env_remove(key);
        }
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut child = cmd.spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout from the nested cargo")?;
    let mut wasm = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if msg["reason"] != "compiler-artifact" || msg["target"]["name"] != "frontend" {
            continue;
        }
        if let Some(files) = msg["filenames"].as_array() {
            wasm = files.iter().filter_map(|f| f.as_str()).find(|f| f.ends_with(".wasm")).map(PathBuf::from).or(wasm);
        }
    }
    let status = child.wait()?;
    if !status.success() {
        return Err("building the frontend for wasm failed (see the errors above)".into());
    }
    wasm.ok_or_else(|| "the nested cargo build reported no frontend .wasm".into())
}

fn brotli(data: &[u8]) -> Result<Vec<u8>, BoxError> {
    let mut out = Vec::new();
    let params = ::brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    ::brotli::BrotliCompress(&mut std::io::Cursor::new(data), &mut out, &params)?;
    Ok(out)
}

fn gzip(data: &[u8]) -> Result<Vec<u8>, BoxError> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(data)?;
    Ok(enc.finish()?)
}

/// A short id of the built files (CRC-32 of each, in hex): enough to tell builds apart.
fn hex_digest(wasm: &[u8], css: &[u8]) -> String {
    let sum = |data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        crc.sum()
    };
    format!("{:08x}{:08x}", sum(wasm), sum(css))
}

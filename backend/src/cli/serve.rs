//! `hocba serve`, `hocba migrate` and `hocba tsa serve`.

use crate::bootstrap::FirstStart;
use crate::settings::Settings;

fn print_first_start(first: &FirstStart) {
    match first {
        FirstStart::AlreadySetUp => {}
        FirstStart::Demo => {
            println!("Đã tạo trường mẫu: {}", crate::demo::SCHOOL_NAME);
            println!("Tài khoản mẫu (mật khẩu \"{}\"):", crate::demo::PASSWORD);
            for (user, name, role) in crate::demo::ACCOUNTS {
                println!("  {user:<12} {name} ({})", role.code());
            }
        }
        FirstStart::Admin { password_file } => {
            println!("Đã tạo tài khoản quản trị \"admin\". Mật khẩu dùng một lần nằm trong tệp (chỉ tài khoản chạy máy chủ đọc được):");
            println!("  {}", password_file.display());
            println!("Lần đăng nhập đầu tiên sẽ yêu cầu đổi mật khẩu; sau đó hãy xoá tệp này.");
        }
    }
}

/// `hocba serve`: the web server until it is stopped.
pub fn serve(settings: Settings, demo: bool) -> anyhow::Result<()> {
    let rt = actix_web::rt::System::new();
    rt.block_on(async move {
        let app = crate::startup::Application::build(settings.clone())?;
        print_first_start(&app.first_start);
        if demo && matches!(app.first_start, FirstStart::AlreadySetUp) {
            println!("Cơ sở dữ liệu đã có dữ liệu: không tạo lại trường mẫu (tài khoản mẫu dùng mật khẩu \"demo\").");
        }
        let host = settings.bind.rsplit_once(':').map(|(h, _)| h).unwrap_or("127.0.0.1");
        println!("hocba đang chạy tại http://{host}:{}", app.port());
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// `hocba migrate`: applies pending migrations.
pub fn migrate(settings: &Settings) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir)?;
    crate::db::Db::open(&settings.database_url())?;
    println!("Đã cập nhật cơ sở dữ liệu.");
    Ok(())
}

/// `hocba tsa serve`: the test timestamp authority.
pub fn tsa(settings: &Settings, bind: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let listener = std::net::TcpListener::bind(bind)?;
    // The bound address (a port 0 in --bind becomes the port given).
    let address = listener.local_addr()?;
    let tsa = crate::signing::tsa::LocalTsa::create_with_crl(Some(&format!("http://{address}/crl")))?;
    let ca_file = settings.data_dir.join("tsa-ca.pem");
    std::fs::write(&ca_file, tsa.ca_pem())?;
    println!("Máy chủ dấu thời gian (thử nghiệm) đang chạy tại http://{address}/");
    println!("Chứng thư gốc cần tin cậy: {}", ca_file.display());
    actix_web::rt::System::new().block_on(async move { crate::signing::tsa::server(tsa, listener)?.await })?;
    Ok(())
}

//! `hocba batch --class 5A`: the hand-over of a whole class from the command line, with a progress
//! bar; running it again after an interruption resumes the same batch.

use crate::services::batches;
use crate::settings::Settings;
use crate::startup::Prepared;

pub fn run(
    settings: &Settings,
    prepared: &Prepared,
    class: &str,
    year: Option<&str>,
    as_user: Option<&str>,
) -> anyhow::Result<()> {
    let db = &prepared.db;
    let user = crate::cli::sheets::actor(db, as_user)?;
    let class_id = db
        .read(|c| crate::services::classes::by_name(c, &user.school_id, class, year))
        .map_err(|e| anyhow::anyhow!("{}", e.user_message()))?;
    let base =
        format!("{}/verify", prepared.documents.public_base().map_err(|e| anyhow::anyhow!("{}", e.user_message()))?);
    let job = db.write(|c| batches::start(c, &user, &class_id, &base))?;
    println!("Lô {}: {} học sinh lớp {class}", job.id, job.total);
    let bar = indicatif::ProgressBar::new(u64::try_from(job.total).unwrap_or_default());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} học sinh ({per_sec}, còn {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let done = batches::run(
        db,
        &prepared.documents,
        &prepared.signing_secret,
        &job.id,
        &batches::zip_dir(&settings.data_dir),
        |done, _| bar.set_position(u64::try_from(done).unwrap_or_default()),
    )?;
    bar.finish_and_clear();
    let progress = db.read(|c| batches::progress(c, &user, &job.id))?;
    println!("Đã xong {}/{} học sinh.", progress.done, progress.total);
    for f in &progress.failures {
        println!("  Chưa cấp được cho {}: {}", f.pupil_name, f.error);
    }
    if let Some(path) = done.zip_path {
        println!("Tệp nén: {path}");
    }
    Ok(())
}

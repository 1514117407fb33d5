//! Writing to standard output. A reader that goes away (`accord status |
//! head`) ends the program quietly, as Unix tools do, instead of the panic
//! `println!` would raise on a closed pipe.

use std::io::{self, Write as _};

/// Writes `text` to standard output; on a closed pipe, exits with success.
pub fn write(text: std::fmt::Arguments<'_>) {
    let mut out = io::stdout().lock();
    if let Err(error) = out.write_fmt(text).and_then(|()| out.flush()) {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("accord: cannot write to standard output: {error}");
        std::process::exit(1);
    }
}

/// `println!` to standard output, quiet on a closed pipe.
macro_rules! outln {
    () => { $crate::output::write(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` to standard output, quiet on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write(format_args!($($arg)*)) };
}

pub(crate) use {out, outln};

/// Where a command's document goes: a file, written beside its final name
/// and renamed when complete (so a failure never leaves half a file), or
/// standard output (where a reader that goes away ends the command quietly).
#[derive(Debug)]
pub enum Sink {
    File {
        path: std::path::PathBuf,
        partial: std::path::PathBuf,
        out: io::BufWriter<std::fs::File>,
    },
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
}

impl Sink {
    /// A sink to `path`, or to standard output when none.
    pub fn open(path: Option<&std::path::Path>) -> anyhow::Result<Sink> {
        use anyhow::Context as _;
        Ok(match path {
            Some(path) => {
                let mut name = path.file_name().unwrap_or_default().to_os_string();
                name.push(".partial");
                let partial = path.with_file_name(name);
                let file = std::fs::File::create(&partial)
                    .with_context(|| format!("cannot create {}", partial.display()))?;
                Sink::File {
                    path: path.to_owned(),
                    partial,
                    out: io::BufWriter::new(file),
                }
            }
            None => Sink::Stdout(io::BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        })
    }

    pub fn writer(&mut self) -> &mut dyn io::Write {
        match self {
            Sink::File { out, .. } => out,
            Sink::Stdout(out) => out,
        }
    }

    /// Completes the document if `written` is fine: flushed, synced and
    /// renamed into place. Otherwise the partial file is removed. A closed
    /// standard output is no error.
    pub fn finish<E>(self, written: Result<(), E>) -> anyhow::Result<()>
    where
        anyhow::Error: From<E>,
    {
        use anyhow::Context as _;
        match self {
            Sink::File { path, partial, out } => {
                let done = written
                    .map_err(anyhow::Error::from)
                    .and_then(|()| out.into_inner().map_err(|e| e.into_error().into()))
                    .and_then(|file| file.sync_all().map_err(Into::into));
                if let Err(error) = done {
                    let _ = std::fs::remove_file(&partial);
                    return Err(error.context(format!("while writing {}", path.display())));
                }
                std::fs::rename(&partial, &path)
                    .with_context(|| format!("cannot move the output to {}", path.display()))
            }
            Sink::Stdout(mut out) => {
                let done = written
                    .map_err(anyhow::Error::from)
                    .and_then(|()| Ok(out.flush()?));
                match done {
                    Err(error)
                        if error
                            .chain()
                            .filter_map(|e| e.downcast_ref::<io::Error>())
                            .any(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
                    {
                        Ok(())
                    }
                    other => other,
                }
            }
        }
    }
}

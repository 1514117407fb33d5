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

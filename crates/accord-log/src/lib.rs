//! accord-log: placeholder, built by its issue.

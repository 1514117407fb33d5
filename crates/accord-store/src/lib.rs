//! accord-store: placeholder, built by its issue.

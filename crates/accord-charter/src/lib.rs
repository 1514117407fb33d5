//! accord-charter: placeholder, built by its issue.

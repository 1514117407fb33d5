//! The domain end to end, as given(events).when(command).then(events | error).

mod fixture;
mod flows;
mod meetings;
mod projects;
mod replay;

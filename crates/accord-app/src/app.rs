//! The application: a verified ledger, the state folded from it, and the one
//! path by which anything is recorded.
//!
//! **Write path**: `execute` takes the writer lock, decides the command
//! against the current state, encodes the events as canonical JSON, appends
//! them durably (the ledger signs a checkpoint once they are on disk), and
//! only then applies them to the state. A refused command writes nothing; an
//! append that fails leaves the state as it was. Another writer on the same
//! store (a second process, the console) is caught up with (`catch_up`):
//! after a conflicting append, and by a server's follower between writes.
//!
//! **Read path**: queries read the state under a read lock, which the writer
//! holds only while it applies events already on disk (microseconds), never
//! during I/O.
//!
//! **Start-up**: `open` verifies the whole log against its latest signed
//! checkpoint and refuses to open a log that fails, naming the first bad
//! entry; then it folds every entry into memory.

use std::sync::{Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard};

use accord_domain::calendar::utc_date;
use accord_domain::command::{Actor, Command, Context};
use accord_domain::decide::decide;
use accord_domain::event::{CURRENT_VERSION, Entry, Event, decode, encode};
use accord_domain::rules::{StatusReport, status};
use accord_domain::state::State;
use accord_domain::visibility::Viewer;
use accord_log::Hash;
use accord_store::verify::SignedCheckpoint;
use accord_store::{EventStore, Extension, Ledger};
use jiff::Timestamp;
use jiff::civil::Date;

use crate::error::AppError;
use crate::tally::ActTally;

/// Entries read per batch at start-up.
const REPLAY_BATCH: usize = 4096;
/// Threads decoding entries at start-up.
const DECODERS: usize = 2;
/// How many times a write decides again after another writer appended
/// first, before it gives up with the conflict. Each retry first catches
/// up with what the others recorded, so a retry fails only when yet
/// another append came in between: with three processes under the hammer
/// script's load, 5 left 15 of 57,620 answers a `409 conflict`.
const CONFLICT_RETRIES: usize = 32;

/// What a recorded command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub events: Vec<Event>,
    /// The log index of the first event recorded.
    pub first_index: u64,
    /// The log's size and root after the append.
    pub size: u64,
    pub root: Hash,
    /// The signed checkpoint that covers the events.
    pub checkpoint: String,
}

#[derive(Debug)]
pub struct App<S: EventStore> {
    ledger: Mutex<Ledger<S>>,
    state: RwLock<State>,
    tally: ActTally,
}

impl<S: EventStore> App<S> {
    /// Opens a verified ledger's record: refuses a log that failed its
    /// check, then folds every entry into the state, reporting
    /// `(entries done, entries in all)` to `progress` after each batch.
    pub fn open(
        mut ledger: Ledger<S>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Self, AppError> {
        if let Some(problem) = ledger.problem() {
            return Err(AppError::Tampered {
                first_bad_index: problem.first_bad_index(),
                problem: Box::new(problem.clone()),
            });
        }
        let state = replay(&mut ledger, progress)?;
        Ok(App {
            ledger: Mutex::new(ledger),
            state: RwLock::new(state),
            tally: ActTally::default(),
        })
    }

    /// Decides and records one command; `now` is the clock read at the edge.
    pub fn execute(
        &self,
        actor: &Actor,
        command: Command,
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        self.execute_all(actor, vec![command], now)
    }

    /// Decides `commands` in order and records all their events in one
    /// append, or nothing at all when any is refused.
    pub fn execute_all(
        &self,
        actor: &Actor,
        commands: Vec<Command>,
        now: Timestamp,
    ) -> Result<Receipt, AppError> {
        self.execute_with(actor, now, |_| Ok((commands, ())))
            .map(|(receipt, ())| receipt)
    }

    /// Builds the commands from the state under the writer's lock, then
    /// decides and records them as `execute_all` does: a use case that
    /// names what it creates (a meeting's id, a proposal's) sees the state
    /// no other write can change before its own is recorded. `build` also
    /// answers a value for the caller (the id it chose). When another writer
    /// appended to the store first, the new entries are checked and folded
    /// in, and the commands decided again against them (they may now be
    /// refused, with the reason) before the append is retried.
    pub fn execute_with<T>(
        &self,
        actor: &Actor,
        now: Timestamp,
        build: impl FnOnce(&State) -> Result<(Vec<Command>, T), AppError>,
    ) -> Result<(Receipt, T), AppError> {
        let done = self.execute_untallied(actor, now, build);
        match &done {
            Ok((receipt, _)) => self.tally.recorded(&receipt.events),
            Err(AppError::Refused(refusal)) => self.tally.refused(refusal.code()),
            Err(_) => {}
        }
        done
    }

    /// What this process recorded and refused since it started.
    pub fn tally(&self) -> &ActTally {
        &self.tally
    }

    fn execute_untallied<T>(
        &self,
        actor: &Actor,
        now: Timestamp,
        build: impl FnOnce(&State) -> Result<(Vec<Command>, T), AppError>,
    ) -> Result<(Receipt, T), AppError> {
        let mut ledger = self.writer();
        let today = utc_date(now);
        let context = Context {
            actor: actor.clone(),
            today,
        };
        let by = match actor {
            Actor::Person(person) => Some(person.clone()),
            Actor::System => None,
        };
        let entry = |event: Event| Entry {
            v: CURRENT_VERSION,
            recorded_at: now,
            by: by.clone(),
            event,
        };

        let (commands, answer) = build(&self.reader())?;
        let mut retries = 0;
        let (entries, appended) = loop {
            let entries = self.decide_all(&commands, &context, &entry)?;
            let bytes: Vec<Vec<u8>> = entries.iter().map(encode).collect();
            match ledger.append(&bytes) {
                Ok(appended) => break (entries, appended),
                // Another writer (a process on the same database, the
                // console on the same file) appended first: catch up with
                // what it recorded and decide again against that.
                Err(e) if e.conflict().is_some() && retries < CONFLICT_RETRIES => {
                    retries += 1;
                    self.catch_up_locked(&mut ledger)?;
                }
                Err(e) => return Err(e.into()),
            }
        };
        {
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            for e in &entries {
                state.evolve(e);
            }
        }
        let receipt = Receipt {
            events: entries.into_iter().map(|e| e.event).collect(),
            first_index: appended.first_index,
            size: appended.size,
            root: appended.root,
            checkpoint: appended.checkpoint,
        };
        Ok((receipt, answer))
    }

    /// Decides `commands` in order against the current state, each against
    /// the effect of the ones before.
    fn decide_all(
        &self,
        commands: &[Command],
        context: &Context,
        entry: &dyn Fn(Event) -> Entry,
    ) -> Result<Vec<Entry>, AppError> {
        let state = self.reader();
        if let [command] = commands {
            return Ok(decide(&state, command.clone(), context)?
                .into_iter()
                .map(entry)
                .collect());
        }
        let mut scratch = state.clone();
        let mut entries = Vec::new();
        for command in commands {
            for event in decide(&scratch, command.clone(), context)? {
                let e = entry(event);
                scratch.evolve(&e);
                entries.push(e);
            }
        }
        Ok(entries)
    }

    /// Catches up with what other writers appended to the same store (other
    /// processes on one PostgreSQL database, the console on the same SQLite
    /// file): checks the new entries as opening does, then folds them into
    /// the state. Answers how many entries were added.
    pub fn catch_up(&self) -> Result<u64, AppError> {
        let mut ledger = self.writer();
        self.catch_up_locked(&mut ledger)
    }

    fn catch_up_locked(&self, ledger: &mut Ledger<S>) -> Result<u64, AppError> {
        ledger.refresh()?;
        let mut from = self.reader().entries;
        let to = ledger.size();
        let added = to.saturating_sub(from);
        while from < to {
            let batch = ledger.read(from, REPLAY_BATCH)?;
            if batch.is_empty() {
                break;
            }
            let entries = batch
                .iter()
                .map(|stored| {
                    decode(&stored.entry).map_err(|error| AppError::BadEntry {
                        index: stored.index,
                        error,
                    })
                })
                .collect::<Result<Vec<Entry>, AppError>>()?;
            let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
            for e in &entries {
                state.evolve(e);
            }
            from += entries.len() as u64;
        }
        Ok(added)
    }

    /// A party's replica: checks the primary's signed checkpoint `note`
    /// against this record extended by `leaves` (the leaf hashes of the
    /// entries it lacks), see `accord_store::Ledger::check_extension`.
    pub fn check_extension(&self, note: &str, leaves: Vec<Hash>) -> Result<Extension, AppError> {
        Ok(self.writer().check_extension(note, leaves)?)
    }

    /// A party's replica: writes `entries` within a checked `extension`
    /// (each hashing to its verified leaf), then folds them into the state.
    /// Every entry is decoded before anything is written, so an entry this
    /// program cannot read stops the follow with nothing half-applied.
    /// Answers the replica's new size.
    pub fn replicate<E: AsRef<[u8]> + Sync>(
        &self,
        extension: &Extension,
        entries: &[E],
    ) -> Result<u64, AppError> {
        let mut ledger = self.writer();
        let first = ledger.size();
        let decoded = decode_all(entries, first)?;
        let size = ledger.replicate(extension, entries)?;
        let mut state = self.state.write().unwrap_or_else(PoisonError::into_inner);
        for entry in &decoded {
            state.evolve(entry);
        }
        Ok(size)
    }

    /// The log's root when it held `size` entries, if it held that many.
    pub fn root_at(&self, size: u64) -> Option<Hash> {
        self.writer().tree().root_at(size).ok()
    }

    /// The latest signed checkpoint, parsed, with its note.
    pub fn latest_signed(&self) -> Option<SignedCheckpoint> {
        self.writer().latest_checkpoint().cloned()
    }

    /// Reads the state. Callers must filter what they show by the viewer:
    /// prefer the query methods, which do.
    pub fn read<R>(&self, query: impl FnOnce(&State) -> R) -> R {
        query(&self.reader())
    }

    /// The charter's rules on `as_of`, as `viewer` may see them.
    pub fn status(&self, viewer: &Viewer, as_of: Date) -> Result<StatusReport, AppError> {
        Ok(status(&self.reader(), as_of, viewer)?)
    }

    /// The log's latest signed checkpoint.
    pub fn checkpoint(&self) -> Option<String> {
        self.writer().latest_checkpoint().map(|c| c.note.clone())
    }

    /// The number of entries in the log.
    pub fn size(&self) -> u64 {
        self.reader().entries
    }

    fn reader(&self) -> RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn writer(&self) -> MutexGuard<'_, Ledger<S>> {
        self.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Decodes `entries` (the first at index `first`), a large batch on two
/// threads: decoding JSON costs more than applying an event.
fn decode_all<E: AsRef<[u8]> + Sync>(entries: &[E], first: u64) -> Result<Vec<Entry>, AppError> {
    let decode_from = |part: &[E], from: u64| {
        part.iter()
            .zip(from..)
            .map(|(bytes, index)| {
                decode(bytes.as_ref()).map_err(|error| AppError::BadEntry { index, error })
            })
            .collect::<Result<Vec<Entry>, AppError>>()
    };
    if entries.len() < 512 {
        return decode_from(entries, first);
    }
    let (left, right) = entries.split_at(entries.len() / 2);
    let right_first = first + left.len() as u64;
    let (left, right) = std::thread::scope(|scope| {
        let right = scope.spawn(|| decode_from(right, right_first));
        (decode_from(left, first), right.join())
    });
    let mut all = left?;
    all.extend(right.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?);
    Ok(all)
}

/// Folds every entry of the ledger into a new state.
///
/// Decoding JSON costs several times more than applying an event, so the
/// work is a pipeline: this thread reads batches from the store and applies
/// decoded entries in order, while decoder threads turn alternate batches
/// into events.
fn replay<S: EventStore>(
    ledger: &mut Ledger<S>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<State, AppError> {
    use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
    type Raw = Vec<accord_store::StoredEntry>;
    type Decoded = Result<Vec<Entry>, AppError>;

    let size = ledger.size();
    let mut state = State::default();
    std::thread::scope(|scope| -> Result<(), AppError> {
        let mut to_decoders: Vec<SyncSender<Raw>> = Vec::new();
        let mut from_decoders: Vec<Receiver<Decoded>> = Vec::new();
        for _ in 0..DECODERS {
            let (raw_tx, raw_rx) = sync_channel::<Raw>(1);
            let (done_tx, done_rx) = sync_channel::<Decoded>(1);
            scope.spawn(move || {
                for batch in raw_rx {
                    let decoded = batch
                        .iter()
                        .map(|stored| {
                            decode(&stored.entry).map_err(|error| AppError::BadEntry {
                                index: stored.index,
                                error,
                            })
                        })
                        .collect();
                    if done_tx.send(decoded).is_err() {
                        break;
                    }
                }
            });
            to_decoders.push(raw_tx);
            from_decoders.push(done_rx);
        }
        // Keep every decoder busy: read ahead one batch per decoder, then
        // apply decoded batches in the order they were read.
        let mut from = 0;
        let mut sent = 0usize;
        let mut applied = 0usize;
        loop {
            while from < size && sent - applied < DECODERS {
                let batch = ledger.read(from, REPLAY_BATCH)?;
                if batch.is_empty() {
                    from = size;
                    break;
                }
                from += batch.len() as u64;
                if to_decoders[sent % DECODERS].send(batch).is_err() {
                    from = size;
                    break;
                }
                sent += 1;
            }
            if applied == sent {
                break;
            }
            let Ok(decoded) = from_decoders[applied % DECODERS].recv() else {
                break;
            };
            for entry in decoded? {
                state.evolve(&entry);
            }
            applied += 1;
            progress(state.entries, size);
        }
        Ok(())
    })?;
    Ok(state)
}

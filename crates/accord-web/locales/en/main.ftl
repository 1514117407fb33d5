# accord — English interface.

skip-to-content = Skip to content
brand-tagline = The record of carrying out the charter
nav-label = Main navigation
nav-dashboard = Dashboard
nav-charter = The charter
nav-public = Public portal
nav-api = API
lang-switcher-label = Language
footer-text = accord — a tamper-evident record of carrying out a strategic-partnership charter

days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## Dashboard
dashboard-title = Dashboard
dashboard-lede = The charter’s rules on { $date } (charter signed on { $signed }).
as-of-label = As-of date
as-of-submit = Show
groups-heading = Working groups
groups-caption = Each working group’s deadlines on { $date }
col-group = Working group
col-projects = Projects
projects-count = { $agreed } agreed, { $proposed } proposed
deliverable-project-list = Project list
deliverable-roadmap = Roadmap
state-met = met
state-pending = due
state-overdue = overdue
deadline-met = met on { $date }
deadline-met-late = met on { $date }, { $days ->
    [one] { $days } day
   *[other] { $days } days
} late
deadline-due-today = due today ({ $date })
deadline-due-in = due in { $days ->
    [one] { $days } day
   *[other] { $days } days
} ({ $date })
deadline-overdue = overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
} (due { $date })
timeline-title = Timeline of deadlines
timeline-caption = Each line runs from signature to the deadline: the project list above, the roadmap below. ● met, ◇ due, ✕ overdue; the vertical line marks the as-of date.
timeline-description = Each working group’s deadlines, from the charter’s signature to the next charter meeting; the working-group table gives the same facts.
timeline-signature = Signature
timeline-as-of = As-of date
timeline-meeting = Next charter meeting
meeting-heading = Next charter meeting
meeting-met = This year’s meeting is held; the next is due by { $date }.
meeting-overdue = Overdue by { $days ->
    [one] { $days } day
   *[other] { $days } days
}: a meeting was due by { $date }.
meeting-due = Due by { $date } (in { $days ->
    [one] { $days } day
   *[other] { $days } days
}).
meetings-held = { $count ->
    [0] No charter meeting held yet.
    [one] { $count } charter meeting held.
   *[other] { $count } charter meetings held.
}
meeting-none = The charter sets no recurring meeting.
coverage-heading = Commitments covered
coverage-summary = { $covered } of { $commitments } commitments carried out by agreed projects.
uncovered-count = { $count ->
    [one] { $count } uncovered commitment
   *[other] { $count } uncovered commitments
}
progress-heading = Progress
progress-sections-title = Commitments covered, section by section
progress-sections-description = For each section of the charter, how many of its commitments agreed projects carry out, and how many none does yet.
progress-groups-title = Projects by status, working group by working group
progress-groups-description = For each working group, its projects by status, and how many of its milestones are completed.
part-covered = covered
part-uncovered = not covered
progress-milestones = { $completed }/{ $total } milestones
overdue-heading = Overdue milestones
overdue-none = No milestone is overdue.
col-milestone = Milestone
col-due = Due
col-late = Late by

## Projects
project-status-proposed = proposed
project-status-agreed = agreed
project-status-in-progress = in progress
project-status-completed = completed
project-status-suspended = suspended
project-status-cancelled = cancelled
classification-public = public
classification-partnership = partnership
classification-restricted = restricted
pager-label = Pages of the list
pager-range = Projects { $first } to { $last } of { $total }.
pager-previous = Previous page
pager-next = Next page
roadmap-pager-range = Milestones { $first } to { $last } of { $total }.
roadmap-pager-label = Pages of the roadmap
projects-none = No project to show.
col-project = Project
col-status = Status
col-classification = Classification
col-provisions = Provisions
col-lead-party = Lead party
col-period = Period

## The charter
charter-title = The charter
charter-signed-on = signed on { $date }
charter-uncovered-summary = { $count ->
    [0] Every commitment is carried out by at least one agreed project.
    [one] { $count } commitment is carried out by no agreed project; it is marked below.
   *[other] { $count } commitments are carried out by no agreed project; they are marked below.
}
charter-toc = Sections of the charter
charter-preamble = Preamble
charter-section = Section { $numeral }
badge-commitment = commitment
badge-uncovered = uncovered
cited-by = Projects citing this provision:

## Working group
breadcrumb-label = Breadcrumb
group-is-platform = Dialogue platform
group-is-group = Working group
group-deadlines = Deadlines
no-deadline = no deadline set by the charter
group-scope = Scope
group-scope-empty = This group’s scope is not set yet.
group-projects = Projects

## Public portal
public-title = Public portal
public-lede = What the two governments have agreed and made public in carrying out the charter.
public-as-of = On { $date }:

## Errors
not-found-title = Page not found
not-found-text = There is nothing at this address. Check the link, or start again from the dashboard.
server-error-title = The server could not answer
server-error-text = The fault is logged under the code below; nothing recorded is lost.
request-error-title = The request cannot be handled
request-error-text = The detail below says what to change.
error-status = HTTP status
error-code = Code
error-message = Detail
back-to-dashboard = Back to the dashboard

## API
api-title = The JSON API
api-lede = Everything these pages show, as JSON, for scripts. Every answer is filtered by who asks.
api-document = The OpenAPI { $version } document:
api-errors = Errors carry a stable code:
api-operations = Operations
api-parameters = Parameters
api-param-name = Name
api-param-in = In
api-param-required = Required
api-param-description = Description
api-responses = Responses
api-status = Status
yes = yes
no = no

## Roadmap, project, meetings, record
roadmap-heading = Roadmap
roadmap-baseline-agreed = Baseline agreed by both parties on { $date }; drift is measured from it.
roadmap-no-baseline = No roadmap agreed yet: there is no baseline.
roadmap-empty = No milestone that you may see.
roadmap-table-caption = The roadmap’s milestones, their due dates, the agreed baseline and the drift.
gantt-title = The working group’s roadmap
gantt-description = One bar per milestone, ending on its due date; a diamond on the baseline due date; the drift in days; dependencies as lines.
gantt-caption = The table below gives the same facts.
gantt-baseline = Baseline
gantt-legend = ◆ baseline · green bar: done (✓) · blue: open · red: overdue · dashed: as-of date
col-baseline = Baseline
col-drift = Drift
col-depends-on = Depends on
milestone-state-done = Done
milestone-state-open = Open
milestone-state-overdue = Overdue
drift-slipped = slipped by { $days ->
    [one] { $days } day
   *[other] { $days } days
}
drift-ahead = ahead by { $days ->
    [one] { $days } day
   *[other] { $days } days
}
group-people = People
group-co-chairs = Co-chairs
group-members = Members
group-none-yet = Nobody yet.
group-people-hidden = A group’s people are shown only to those who take part in carrying out the charter.
group-pending = Pending proposals
pending-none = No pending proposal that you may see.
proposal-made-on = Proposed on { $date }
proposal-revision = revision { $count }
proposal-no-approval = no approval yet
proposal-approved-by = approved by
proposal-kind-project-list = Project list
proposal-kind-roadmap = Roadmap
proposal-kind-minutes = Minutes
proposal-kind-working-group = New working group
proposal-kind-dialogue-platform = New dialogue platform
proposal-kind-group-scope = Scope of a working group
proposal-kind-project-amendment = Change to an agreed project
project-details = Details
project-group = Working group
project-lead-organisations = Lead organisations
project-partners = Partners
project-start = Start
project-end = End
project-investment = Investment
project-public-share = public share
project-private-share = private share
project-provisions = Provisions carried out
project-provisions-none = This project cites no provision.
project-milestones = Milestones
project-milestones-none = No milestone belongs to this project.
project-indicators = Indicators
project-indicators-none = No indicator is defined for this project.
project-history = History in the record
indicator-baseline = Baseline
indicator-target = Target
indicator-measured = Measured on
indicator-measurements = Measurements
indicator-no-measurement = No measurement yet.
indicator-higher-is-better = higher is better
indicator-lower-is-better = lower is better
indicator-chart-description = The measurements over time, with the baseline, the target and the planned path between them.
indicator-chart-caption = Grey dashes: baseline; green: target; orange: planned path; blue dots: measurements.
col-date = Date
col-value = Value
col-source = Source
col-entry = Entry
col-event = Event
col-proof = Proof
history-proof-link = inclusion proof
history-tlog-proof-link = proof of this act (.tlog-proof)
record-title = The record
record-lede = The record is a signed, append-only log: anyone can check that it was not altered, without trusting the other party.
record-checkpoint = Latest signed checkpoint
record-size = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
record-verifier-key = Verifier key
record-verify-heading = Verify
record-verify-help = Save the checkpoint above as checkpoint.txt and, with a copy of the database (COPY), run:
record-no-checkpoint = Nothing is signed yet.
record-proof-heading = Inclusion proof of an entry
record-entry-label = Entry index
record-entry-submit = Prove
record-proof-of = Entry { $count }
record-proof-check = Check it offline:
record-no-entry = No entry { $count } that you may see in the latest checkpoint.
record-proof-help = A proof is given only for entries about what you may see; for the public, the charter itself and public projects.
meetings-title = Meetings
meetings-lede = Charter, working-group and dialogue-platform meetings, and the agenda the state of the record calls for.
meetings-calendar = Calendar
meetings-months = Months
meetings-none = No meeting that you may see.
agenda-heading = Suggested agenda on { $date }
agenda-help = Drawn from the state of the record: overdue milestones, pending proposals, deadlines within 60 days.
agenda-overdue = Overdue milestones
agenda-pending = Pending proposals
agenda-due-soon = Due soon
agenda-nothing = Nothing.
meeting-kind-charter = Charter meeting
meeting-kind-working-group = Working group
meeting-kind-dialogue-platform = Dialogue platform
meeting-held-on = held on { $date }
meeting-scheduled = scheduled
meeting-participants = Participants:
meeting-agenda = Agenda
meeting-minutes = Adopted minutes
meeting-no-minutes = No minutes adopted yet.
meeting-summary-only = Only this meeting’s date and place are public.
col-decision-kind = Type
col-decision = Decision
col-owner = Owner
decision-kind-information = Information
decision-kind-decision = Decision
decision-kind-action = Action
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Accounts, approvals and administration
login-title = Log in
login-signed-in-as = You are logged in as
login-failed = The email address or the password is wrong.
login-email = Email address
login-password = Password
login-submit = Log in
logout-submit = Log out
setup-title = First administrator
setup-lede = This one-time link creates the instance’s first administrator: you.
setup-name = Your name
setup-organisation = Your organisation
setup-party = The party your organisation belongs to
setup-no-party = None
setup-submit = Create the administrator
invitation-title = Set your password
invitation-lede = You were invited to accord with this address. Choose a password of at least 10 characters:
invitation-confirm = The same password again
invitation-submit = Set the password
approvals-title = Approvals
approvals-lede = What waits for your signature, as
approvals-no-signature = You sign for no party: you can read proposals but not approve them.
approvals-waiting = Waiting for my party’s signature
approvals-approved = Approved by my party, waiting for the other
approvals-adopted = Adopted by both parties
approvals-none = Nothing here.
approvals-done-approved = Your party’s approval is recorded.
approvals-done-rejected = Your party’s rejection is recorded.
approvals-done-withdrawn = Your party’s approval is withdrawn.
approvals-done-proposed = The proposal is recorded.
signs-as-coordinator = Coordinator: signs anything for
signs-as-co-chair = Co-chair: signs the proposals of one working group for
approve-for = Approve for
reject-reason = Reason for rejecting
reject-submit = Reject
withdraw-approval = Withdraw my party’s approval
signing-kind-project-list = Project list
signing-kind-roadmap = Roadmap
signing-kind-minutes = Minutes
signing-kind-working-group = New working group
signing-kind-dialogue-platform = New dialogue platform
signing-kind-group-scope = Scope of a working group
signing-kind-project-amendment = Change to an agreed project
signing-revision = Revision { $version }, proposed on { $date }
signing-adopted-on = adopted on { $date }
signing-hash = Content hash (SHA-256):
approval-approved = approved on { $date } by
approval-rejected = rejected on { $date }:
approval-waiting = not yet approved
my-party = my party
propose-title = Propose the project list
propose-breadcrumb = Propose the project list
propose-lede = Tick the projects the list contains. Both parties must approve the same list for it to be agreed.
propose-not-signatory = You sign for no party in this working group: the proposal will be refused.
propose-projects = Projects of the working group
propose-no-projects = This working group has no project yet.
propose-and-approve = Approve it at the same time for
propose-submit = Propose
admin-title = Administration
admin-done-organisation = The organisation is registered.
admin-done-person = The person is registered.
admin-done-granted = The role is granted.
admin-done-revoked = The role is revoked.
admin-invitation-link = Send this one-time link to the person (it is shown only once):
admin-people = People
admin-organisations = Organisations
admin-id = Id
admin-name = Name
admin-organisation = Organisation
admin-roles = Roles
admin-revoke = Revoke
admin-grant = Grant a role
admin-grant-submit = Grant
admin-person = Person (id)
admin-role = Role
admin-party = Party
admin-group = Working group
admin-kind = Kind
admin-register-person = Register a person
admin-register-submit = Register
admin-invite = Invite a person
admin-invite-submit = Invite
nav-meetings = Meetings
nav-record = Record
record-download-checkpoint = Download the checkpoint (checkpoint.txt, byte for byte)
record-witnesses = Witnesses
record-cosigned-latest = Witnesses cosigned the latest checkpoint: each says it saw this log grow without rewriting.
record-cosigned-earlier = { $count ->
    [one] Witnesses last cosigned the checkpoint of { $count } entry:
   *[other] Witnesses last cosigned the checkpoint of { $count } entries:
}
record-cosigned-by = { $witness }, on { $time }
propose-roadmap-title = Propose the roadmap
propose-roadmap-lede = One milestone a line: its id, title, due date, the project it belongs to (optional) and the ids of the milestones it depends on. Both parties must approve the same roadmap; once agreed it is the baseline.
propose-roadmap-milestones = Milestones
propose-roadmap-title-languages = A title written as plain text is recorded in the page's language. To give a version per language, put each after its language code in brackets: [az] Pilot hazırdır [en] Pilot ready.
approvals-propose = Propose

## The annual report
report-link = Annual report { $year }
report-title = Annual report { $year }
report-period = Period: { $period }
report-signed-on = charter signed on { $date }
report-other-years = Other years
report-print-hint = To print or save as PDF, use the browser's print command (A4).
report-summary = The year in figures
report-figure-groups = working groups
report-figure-projects = projects
report-figure-acts = acts agreed by both parties
report-figure-milestones = milestones completed / due this year
report-figure-overdue = milestones overdue
report-figure-meetings = meetings held
report-figure-coverage = commitments covered
report-chart-milestones = Milestones of { $year }, per working group
report-chart-milestones-description = For each working group, its milestones due or completed this year: completed, overdue, still open.
report-chart-milestones-caption = Milestones due or completed this year, by their state on the report's date.
report-chart-projects = Projects per working group, by status
report-chart-projects-description = For each working group, how many projects are in each status.
report-chart-projects-caption = Projects by status, as the record holds them at its checkpoint.
report-obligations = Obligations met or missed
report-col-obligation = Obligation
report-agreed = Agreed this year
report-nothing-agreed = Nothing agreed by both parties this year.
report-col-act = Act
report-col-adopted = Adopted on
report-col-items = Items
report-col-signatures = Signed for each party (by, on)
report-act-project-list = Project list
report-act-roadmap = Roadmap
report-act-minutes = Minutes
report-act-working-group = New working group
report-act-dialogue-platform = New dialogue platform
report-act-group-scope = Working group scope
report-act-project-amendment = Change to an agreed project
report-as-coordinator = coordinator
report-as-co-chair = co-chair
report-no-projects = No project yet.
report-milestones = Milestones of the year
report-milestone-summary = { $due } due this year, { $completed } completed, { $overdue } overdue, { $open } still open.
report-milestone-completed = completed
report-milestone-open = open
report-milestone-overdue = overdue
report-col-completed = Completed on
report-indicators = Indicators
report-col-indicator = Indicator
report-col-target = Target
report-col-latest = Latest of the year
report-col-progress = Progress to target
report-no-measurement = no measurement this year
report-charter-acts = Acts of the charter as a whole
report-uncovered = Commitments no project covers yet
report-col-provision = Provision
report-col-commitment = Commitment
report-meetings = Meetings held this year
report-no-meetings = No meeting was held this year.
report-minutes-adopted = Minutes adopted on { $date }.
report-col-decision = Decision
report-col-owner = Owner
report-record = The record this report comes from
report-record-intro = The figures were read from the signed record at its checkpoint of { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}, log
report-root-hash = Root hash:
report-verify-help = To verify a figure: save the checkpoint above as checkpoint.txt and check its signature; with a copy of the database (COPY), check the whole log; then prove that each entry a figure rests on (its index is in the project's history, on its page) is in this checkpoint:
report-meeting-missed = { $count ->
    [one] A year closed this year without its charter meeting.
   *[other] { $count } years closed this year without their charter meeting.
}
downloads-heading = Downloads
download-akn = The charter (Akoma Ntoso XML)
download-iati = Projects (IATI XML)
download-ics = Meetings, deadlines and milestones (iCalendar)
download-csv-projects = Projects (CSV)
download-csv-milestones = Milestones (CSV)
download-csv-measurements = Indicator measurements (CSV)
download-popolo = Organisations and people (Popolo JSON)
download-json = Everything you may see (JSON)
calendar-title = Calendar feed
calendar-subscribe = Subscribe to your calendar feed
calendar-lede = A private address that calendar programs subscribe to: the meetings, deadlines and milestones you may see. Anyone who has the address sees them too, so keep it to yourself, and revoke it if it is shared.
calendar-none = You have no calendar feed.
calendar-since = Your calendar feed was made on { $date }.
calendar-create = Make a new calendar feed
calendar-revoke = Revoke the calendar feed
calendar-new-url = Your calendar feed’s address, shown only now (a new one ends the old one):
calendar-revoked = The calendar feed is revoked: its address answers no more.

search-label = Search
search-button = Search
search-title = Search
search-empty = Type one or more words: provisions, working groups, projects, milestones and meetings you may see are searched, ignoring case and accents.
search-summary = { $count ->
    [0] Nothing found.
    [one] { $count } result.
   *[other] { $count } results.
}
search-shown = The first { $count } of { $total }.
search-kind-provision = Provisions
search-kind-working-group = Working groups
search-kind-project = Projects
search-kind-milestone = Milestones
search-kind-meeting = Meetings
search-kind-organisation = Organisations
search-kind-person = People
text-only-in = (only in { $language })

## The charter's acts: meetings
meeting-new-title = Schedule a meeting
meeting-new-lede = Choose the meeting and its date, ask for the agenda the record proposes, then edit it. Each text can be written in Azerbaijani, English and French side by side; one language is enough.
meeting-new-none = You may not schedule any meeting: the charter meeting is scheduled by a coordinator, a group’s meeting by its co-chairs and members.
meeting-new-what = The meeting
meeting-new-kind = Meeting
meeting-new-date = Date
meeting-new-propose-agenda = Propose the agenda for this meeting
meeting-new-place = Place or online address
meeting-new-title-field = Title
meeting-new-agenda-help = Tick the items to keep. Provisions, projects and milestones are ids separated by commas.
meeting-new-agenda-item = Another item
meeting-new-agenda-title = Item
meeting-new-projects = Projects
meeting-new-milestones = Milestones
meeting-new-submit = Schedule the meeting
agenda-reason-overdue-milestone = Overdue milestone
agenda-reason-pending-proposal = Proposal awaiting approval
agenda-reason-open-action = Open action
agenda-reason-deadline = Deadline before the meeting
agenda-reason-uncovered = Commitment no project covers
meeting-title = Meeting
meeting-attendees = Attended:
meeting-minutes-after = Minutes are proposed once the meeting is recorded as held.
actions-title = Actions
actions-none = No action from adopted minutes.
action-note = Note
action-done-submit = Mark done
action-done-on = Done on { $date }
documents-title = Documents
documents-none = No document attached.
meeting-held-form = Record the meeting held
meeting-held-date = Held on
meeting-held-submit = Record it held
minutes-form = Propose the minutes
minutes-form-help = Both parties adopt the minutes by approving them: their approval covers every language version. An action needs an owner and a due date.
minutes-text = Minutes
minutes-submit = Propose the minutes
meeting-move-form = Move or cancel
meeting-reason = Reason
meeting-move-submit = Move the meeting
meeting-cancel-submit = Cancel the meeting
meeting-cancelled-on = Cancelled on { $date }:
meeting-moved-from = Moved from { $date }:
meeting-done-scheduled = The meeting is scheduled.
meeting-done-held = The meeting is recorded as held.
meeting-done-rescheduled = The meeting is moved.
meeting-done-cancelled = The meeting is cancelled.
meeting-done-minutes = The minutes are proposed.
meeting-done-action = The action is marked done.
meetings-schedule-link = Schedule a meeting
meeting-open = Open the meeting
meeting-cancelled = Cancelled on { $date }
form-error-see = (the form)

## The charter's acts: groups and platforms
group-new-title = Propose a dialogue platform or a working group
group-new-lede = The charter lets the parties create other dialogue platforms by mutual agreement. A proposal takes effect once both parties approve it.
group-new-coordinators = Only a coordinator, who signs for a party on the charter as a whole, can propose one.
group-new-kind = What to create
group-new-id = Identifier
group-new-id-help = lowercase letters, digits and dashes
group-new-name = Name
group-new-purpose = Purpose
group-new-scope = Provisions in its scope (a working group)
group-new-submit = Propose it
group-scope-title = Scope
group-scope-lede = The provisions of the charter this group carries out. The co-chairs of both parties agree to them.
group-scope-submit = Propose this scope
group-scope-link = Propose its scope
groups-new-link = Propose a dialogue platform or a working group
actions-none-open = No open action.
actions-overdue = { $count ->
    [one] 1 action overdue
   *[other] { $count } actions overdue
}
documents-attach = A file (signed minutes, a presentation)
documents-attach-submit = Attach
meeting-done-document = The document is attached; its hash is in the record.

## Refusals, explained in the reader's language
refusal-invalid = The record refuses this as typed: correct the field named.
refusal-forbidden = This act is not yours to perform.
refusal-not-found = Something named here does not exist in the record.
refusal-already-exists = This already exists in the record.
refusal-not-signatory = You do not sign for a party on this.
refusal-stale-content = The proposal changed since you read it: read it again before approving.
refusal-agreement = The agreement between the parties does not allow this now.
refusal-unknown-provision = This provision is not in the charter.
refusal-no-provision = Name at least one provision of the charter.
refusal-conflict = The record changed at the same moment: try again.
signing-took-effect = Took effect on { $date }, as the document { $evidence } shows; the rules judge it by that date.
proposal-kind-recorded = Act recorded after it took effect
withdraw-proposal = Withdraw the proposal (for both parties)
approvals-done-proposal-withdrawn = The proposal is withdrawn.

## A project's life in the browser
project-new-title = Propose a project
project-new-lede = A co-chair or member of a working group proposes a project in it. Write its title and description in each party's language side by side; both parties agree to it with the group's project list.
project-new-who = Only a co-chair or member of a working group can propose a project in it.
project-new-submit = Propose the project
project-new-link = Propose a project
project-title = Title
project-description = Description
project-languages-missing = Still missing in: { $language }
project-provisions-choose = Provisions of the charter it carries out (at least one)
project-partners-choose = Partners (registered organisations, private companies among them)
project-amount = Amount
project-currency = Currency (ISO 4217)
project-public-share-percent = Public share (%)
project-done-proposed = The project is proposed. Both parties agree to it with the group's project list.
project-done-amended = The project is changed.
project-done-change-proposed = The change is proposed to both parties; the agreed version stands until both approve it.
project-done-status = The status is recorded.
project-done-milestone-completed = The milestone is marked completed.
project-done-milestone-rescheduled = The milestone is moved.
project-done-indicator = The indicator is defined.
project-done-measurement = The measurement is recorded.
project-done-measurements-imported = Every measurement of the file is recorded.
project-done-document = The document is attached; its hash is in the record.
measurements-import-file = Measurements from a CSV file
measurements-import-submit = Import the measurements
measurements-import-help = Columns, in any order: indicator, date, value, source (and unit, project, indicator_name if you have them), as the CSV export writes them. Every row is recorded, or none: a refused file says which line and column to correct.
project-pending = Change waiting for both parties
project-pending-help = Until both parties approve it, the agreed version stands. Proposal:
project-pending-agreed = Agreed version
project-pending-proposed = Proposed change
col-field = Field
project-amend-form = Change the project
project-amend-proposes = Both parties agreed this project: a change is proposed to them, and takes effect once both approve it.
project-amend-at-once = The project list is not agreed yet: a change applies at once (and voids approvals of a pending list that holds it).
project-amend-open = Show the form
project-amend-propose-submit = Propose the change
project-amend-submit = Save the change
project-status-form = Set the status
project-status-submit = Record the status
milestone-completed-on = Completed on
milestone-note = Note
milestone-complete-submit = Mark completed
milestone-new-due = New due date
milestone-reschedule-submit = Move it
indicator-measure-submit = Record the measurement
indicator-define-form = Define an indicator
indicator-name = Name
indicator-unit = Unit
indicator-direction = Direction
indicator-define-submit = Define the indicator
col-who = Who
history-description-diff = Changes to the description:
history-project-proposed = Project proposed
history-project-amended = Project changed
history-status-changed = Status set
history-change-proposed = Change proposed to both parties
history-change-amended = Proposed change amended
history-change-approved = Change approved by a party
history-list-approved = Project list approved by a party
history-approval-withdrawn = Approval withdrawn
history-approvals-voided = Approvals voided by a change
history-change-rejected = Change rejected
history-list-rejected = Project list rejected
history-change-adopted = Change adopted by both parties
history-list-adopted = Project list agreed by both parties
history-change-withdrawn = Proposal withdrawn
history-milestone-completed = Milestone completed
history-milestone-rescheduled = Milestone moved
history-indicator-defined = Indicator defined
history-measurement-recorded = Measurement recorded
history-other = Entry about the project

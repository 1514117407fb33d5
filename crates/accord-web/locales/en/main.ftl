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

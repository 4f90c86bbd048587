/**
 * Every user-facing error Halflife can report, in one place: a stable name, a short title,
 * a message that says what happened (with `{placeholders}`), and a hint that says what to do.
 */
export const errorCatalog = {
	// --- environment ---------------------------------------------------------------------------
	UsageError: {
		title: 'Invalid command line',
		message: '{detail}',
		hint: 'Run `halflife --help` to see the commands and their options.',
	},
	ConfigInvalid: {
		title: 'Invalid Halflife configuration',
		message: '{detail}',
		hint: 'Fix the options passed to `halflife()` in astro.config.mjs, or the matching command-line flags.',
	},
	ConfigNotFound: {
		title: 'No Astro configuration found',
		message: 'There is no astro.config.mjs (or .ts/.js) in {root}.',
		hint: 'Run halflife from the project root, or pass --root DIR.',
	},
	ConfigLoadFailed: {
		title: 'The Astro configuration failed to load',
		message: '{detail}',
		hint: 'Fix astro.config.mjs at the place named. It must import the integration as `import halflife from \'halflife\'` and list `halflife({ ... })` in `integrations`; run `npm install` if a package it imports is missing.',
	},
	InitTargetNotEmpty: {
		title: 'The new project\'s folder is not empty',
		message: '{dir} already holds {entries}; `halflife init` writes a new project only into an empty or missing folder, so nothing was written.',
		hint: 'Pick a new folder name (`npx halflife init my-kb`), or move the files away first.',
	},
	InitInstallFailed: {
		title: 'The new project\'s dependencies could not be resolved',
		message: '`npm install --package-lock-only` in {dir} exited with code {code}: the project is written, but without package-lock.json.',
		hint: 'Check that the `halflife` dependency in {dir}/package.json ({spec}) can be reached from this machine (a tarball path, a git URL or your registry), then run `npm install` there.',
	},
	DemoNotInstalled: {
		title: 'The demo is not part of the installed package',
		message: 'Halflife\'s demo (Basketful) is built from Halflife\'s own repository, which ships its content and generators; an installed copy of Halflife has neither.',
		hint: 'Clone Halflife\'s repository and run `npm ci && npm run demo` there, or build your own content with `npx halflife build`.',
	},
	BrowserNotFound: {
		title: 'No Chromium found to render diagrams',
		message: 'Looked at $HALFLIFE_CHROMIUM, $CHROMIUM_PATH, {paths} and Playwright\'s own browsers, and found none.',
		hint: 'Install Chromium (`apt-get install -y chromium` on Debian/Ubuntu) or set HALFLIFE_CHROMIUM to a Chromium or Chrome binary. Diagrams fall back to rendering in the reader\'s browser until then.',
	},
	BrowserLaunchFailed: {
		title: 'Chromium did not start to render diagrams',
		message: 'Starting {browser} failed: {detail}',
		hint: 'Check that `{browser} --headless --version` runs, or set HALFLIFE_CHROMIUM to another Chromium or Chrome binary. Diagrams fall back to rendering in the reader\'s browser until then.',
	},
	DiagramRenderFailed: {
		title: 'A diagram could not be rendered',
		message: 'Mermaid failed on diagram {id}: {detail}',
		hint: 'The page shows it as Mermaid source for the reader\'s browser to render instead. This is a bug in Halflife; please report it with the diagram\'s source.',
	},
	NoteDiagramInvalid: {
		title: 'A Mermaid block in a note could not be drawn',
		message: 'Mermaid failed on it: {detail}',
		hint: 'Fix the block (the Mermaid Live Editor shows the same error); until then the page shows its source, and the reader\'s browser tries to draw it.',
	},
	DiagramCacheUnwritable: {
		title: 'The diagram cache cannot be written',
		message: 'Could not write to {dir}: {detail}',
		hint: 'Diagrams still render, but every build renders them again. Check the permissions of the cache folder, or delete it.',
	},

	// --- telemetry sources ---------------------------------------------------------------------
	TelemetryNotFound: {
		title: 'Telemetry input not found',
		message: 'No telemetry file matches {pattern}.',
		hint: 'Check `telemetry.paths` in the Halflife options, or put telemetry files (OTLP/JSON, Zipkin, Jaeger or dependency links) under content/telemetry/, or configure a backend (`telemetry.prometheus`, `.zipkin`, `.jaeger`).',
	},
	TelemetryMalformed: {
		title: 'Telemetry file is malformed',
		message: '{detail}',
		hint: 'Fix or regenerate the file at the place named, or narrow `telemetry.paths` so it is not read. Halflife reads OTLP/JSON (the OpenTelemetry Collector file exporter: one `{"resourceSpans": [...]}` per line, or one document), Zipkin v2 span arrays, Jaeger JSON (`{"data": [{"traceID": ...}]}`) and dependency links (`[{"parent", "child", "callCount"}]`).',
	},
	TelemetryUnreadable: {
		title: 'Telemetry file cannot be read',
		message: 'Cannot read {file}: {detail}',
		hint: 'Check that the file still exists and that this user may read it.',
	},
	TelemetryUnknownFormat: {
		title: 'Telemetry file is in no format Halflife understands',
		message: 'No telemetry format recognises this file. Understood: {formats}.',
		hint: 'Check that the file is telemetry and complete; export traces as OTLP/JSON (the OpenTelemetry Collector file exporter) if unsure, or narrow `telemetry.paths` so it is not matched.',
	},
	TelemetryUnavailable: {
		title: 'Telemetry backend unavailable',
		message: 'Could not get {url}: {detail}',
		hint: 'Check that {backend} is running and reachable from this machine at the configured `url` (including any path prefix it is served under), and, if it needs credentials, that the environment variables named in `auth` hold them. For a slow backend, raise `timeoutMs` or `retries`.',
	},
	TelemetryPartial: {
		title: 'Telemetry backend answered half a result',
		message: 'The {source} telemetry source got an answer that is not a whole result: {detail}',
		hint: 'This is usually passing: a storage shard or a proxy failing while the backend answered. A build goes on from the last good snapshot and says so on every page; if it persists, check the backend\'s own logs, and raise `timeoutMs` if its queries time out inside it.',
	},
	TelemetryCredentialsMissing: {
		title: 'Telemetry credentials are missing',
		message: 'The {source} telemetry source reads its {what} from the environment variable {variable}, which is not set.',
		hint: 'Set {variable} in the environment that runs Halflife (a CI secret, say), or remove the authentication option if the server needs none.',
	},
	TelemetryOutsideWindow: {
		title: 'No span of a telemetry file falls in the window',
		message: 'The {spans} of {file} start from {first} to {last}; none falls in the build\'s window, {start} to {end}, so the file adds nothing to this build.',
		hint: '{fix}',
	},
	TelemetryWindowEmpty: {
		title: 'No telemetry falls in the window',
		message: 'Nothing the telemetry sources read falls in the build\'s window, {start} to {end}{read}: no dependency can be confirmed or discovered, and every declared one reads as not seen.',
		hint: 'Build with the clock inside the telemetry\'s time (`--now`), widen `windowDays`, or export telemetry of the last {days} days; the warnings on each file say where its spans are.',
	},
	TelemetryEndsEarly: {
		title: 'Telemetry ends well before the build',
		message: 'The newest span read starts at {last}, {gap} before the build\'s clock ({end}): the window\'s last {gap} hold no telemetry, so a dependency called only then reads as not seen, and confidence in it falls.',
		hint: 'Export telemetry up to the build\'s time (a stale export, or a collector that stopped writing?), or build with the clock just after the newest span (`--now {suggested}`).',
	},
	TelemetryRecordsSkipped: {
		title: 'Invalid telemetry records skipped',
		message: 'Skipped {records} with {what}; the rest of the file was read. The first: {detail}.',
		hint: 'Usually a bug in the SDK or exporter that wrote them: fix it there, and ignore this while the count stays small. More than half of a file\'s records invalid fails the build instead.',
	},
	TelemetryFilesRepeat: {
		title: 'Two telemetry files hold the same traffic',
		message: '{file} repeats spans of {other}: two exports of the same traffic, so each dependency counts the busier file\'s calls, never both.',
		hint: 'Nothing is counted twice. If one is a stale copy, remove it or narrow `telemetry.paths` so it is not read.',
	},
	TelemetryAnswerTooLarge: {
		title: 'Telemetry backend answer too large',
		message: 'The {source} telemetry source stopped reading {url} after {read}: the answer is larger than `maxAnswerBytes`, {bound}.',
		hint: 'If an answer that large is expected, raise `telemetry.{source}.maxAnswerBytes`; otherwise {narrow}, or check that `url` reaches {backend} itself and not a misrouted proxy or another service that sends without end.',
	},
	DeployEventInvalid: {
		title: 'Deploy event is invalid',
		message: '{detail}',
		hint: 'Each line of a deploy-events file is one JSON object: `{"service": "checkout", "version": "3.16.0", "time": "2026-11-18T10:00:00Z"}`.',
	},
	SnapshotInvalid: {
		title: 'Telemetry snapshot is invalid',
		message: '{detail}',
		hint: 'Delete the snapshot file and pull again; if it was written by a newer Halflife, upgrade.',
	},

	// --- notes and teams -----------------------------------------------------------------------
	FrontmatterSyntax: {
		title: 'Frontmatter is not valid YAML',
		message: '{detail}',
		hint: '{fix}',
	},
	FrontmatterMissing: {
		title: 'Note has no frontmatter',
		message: 'The note does not start with a `---` frontmatter block.',
		hint: 'Start the file with `---`, then at least `service:` and `owner:` (and `reviewed:`, the date a person last confirmed it), then `---`.',
	},
	FrontmatterInvalid: {
		title: 'Frontmatter field is invalid',
		message: 'Field `{field}`: {detail}',
		hint: '{fix}',
	},
	FrontmatterUnknownField: {
		title: 'Unknown frontmatter field',
		message: 'Field `{field}` is not a field this file can have.',
		hint: '{fix}',
	},
	DuplicateService: {
		title: 'Two notes describe the same service',
		message: 'Service `{service}` is also described in {other}.',
		hint: 'Merge the two notes into one, or rename the service in one of them.',
	},
	UnknownTeam: {
		title: 'Owner is not a known team',
		message: 'Owner `{owner}` is not a team under teams/ or a Group in a catalog.',
		hint: '{fix}',
	},
	NoOwner: {
		title: 'Service has no owner',
		message: '`{service}` is described, but nothing names its owner.',
		hint: 'Add `owner:` with the team that runs it; an unowned service is the one nobody answers for in an incident.',
	},
	OwnerDeparted: {
		title: 'Owner has left',
		message: '`{service}` is owned by {owner}, who is on the `owners.departed` list.',
		hint: 'Hand the service to a team (`owner: <team>`); a person who left cannot answer questions about it.',
	},
	OwnerNotInCodeowners: {
		title: 'Note owner is not a code owner of the note',
		message: '`{service}` is owned by team `{owner}`, but CODEOWNERS does not name `@<org>/{owner}` among the owners of {file}: {owners}.',
		hint: '{fix} GitHub asks the code owners to review changes to the note, so a review by the owning team needs the team there.',
	},
	TeamWithoutServices: {
		title: 'Team owns no services',
		message: 'Team `{team}` is defined, but no note or catalog entry names it as owner.',
		hint: 'Assign its services to it, or remove the team if it no longer exists.',
	},
	DependencyUnknown: {
		title: 'Dependency names nothing known',
		message: '`{service}` depends on `{dependency}`, which no note, catalog or telemetry knows.',
		hint: '{fix}',
	},
	DeclaredUseUnknown: {
		title: 'A store or use names nothing known',
		message: '`{service}` names `{dependency}` in `{field}:`, which no other note, no catalog and no telemetry knows.',
		hint: '{fix}',
	},
	PinnedFlowUnknown: {
		title: 'A pinned flow names no known service',
		message: 'Flow `{title}` (start.flows[{index}]) passes through `{name}`, which no note, catalog or telemetry knows.',
		hint: '{fix} Pinned flows are set in the `start.flows` option of `halflife()` in astro.config.mjs; name each service as its note, catalog or telemetry does, or by an alias.',
	},
	DependencyCycle: {
		title: 'Declared dependencies form a cycle',
		message: 'The declared dependencies go round: {cycle}.',
		hint: 'A failure anywhere in a cycle can take all of it down, and none of it can start first. Check that each of these dependencies is real; break the cycle if one is not needed.',
	},
	NoteBodyInvalid: {
		title: 'MDX note does not compile',
		message: '{detail}',
		hint: 'MDX reads `{` as the start of code and `<` as the start of a tag: close the tag or expression, or write `\\{` and `&lt;` for the characters themselves. A note that needs no code can be plain Markdown (`.md`).',
	},
	NoteUrlUnsafe: {
		title: 'Address dropped from an untrusted note',
		message: 'The {kind} address {url} is not http, https, mailto or a relative path, and notes are untrusted (`notes.format: \'markdown\'`): the page keeps the text and drops the address.',
		hint: 'Use an http(s) or mailto address, or a path on the site such as `/services/cart/`. An address that runs code (`javascript:`, `vbscript:`) or carries its own content (`data:`) is never published from an untrusted note.',
	},
	ReviewedUnknown: {
		title: 'Note has no review date',
		message: 'The note has no `reviewed:` date, and git cannot stand in for it: {reason}.',
		hint: 'Add `reviewed: YYYY-MM-DD` with the date a person last confirmed the note, or commit the note so its last commit date can be used.',
	},
	ShallowClone: {
		title: 'Git dates are unreliable in a shallow clone',
		message: '{files} dated by their last commit, but this clone is shallow: git only knows the newest commit, so every file looks just changed.',
		hint: 'Fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in actions/checkout), or give the notes `reviewed:` dates.',
	},
	AliasTaken: {
		title: 'Alias already names another service',
		message: 'Alias `{alias}` of `{service}` already names `{other}`.',
		hint: 'An alias resolves a telemetry name to exactly one service: remove it here, or from `{other}`.',
	},
	ReviewedInFuture: {
		title: 'Review date is in the future',
		message: '`reviewed: {reviewed}` is after the build time {now}.',
		hint: 'Use the date a person last confirmed the note, or pass the right --now.',
	},
	SectionReviewedInvalid: {
		title: 'Section review date is invalid',
		message: '`{marker}` on heading `{heading}` is not a date like 2026-01-31.',
		hint: 'Write the date a person last confirmed the section as YYYY-MM-DD, like `{example}`.',
	},
	SectionMarkerUnknown: {
		title: 'Unknown section marker',
		message: '`{marker}` at the end of heading `{heading}` is not a section review marker.',
		hint: 'Did you mean `{suggestion}`? A section review date is written as `{reviewed=YYYY-MM-DD}` at the end of its heading, with nothing else in the braces.',
	},

	// --- incidents -----------------------------------------------------------------------------
	IncidentDuplicateId: {
		title: 'Two incidents have the same id',
		message: 'Incident `{id}` is also reviewed in {other}.',
		hint: 'Give each post-incident review its own id (`id: INC-143`), or merge the two files.',
	},
	IncidentResolvedBeforeStarted: {
		title: 'Incident resolved before it started',
		message: '`resolved: {resolved}` is before `started: {started}`.',
		hint: 'Swap the two times if they are the wrong way round, or correct the one that is mistyped.',
	},
	IncidentInFuture: {
		title: 'Incident time is in the future',
		message: '`{field}: {value}` is after the build time {now}.',
		hint: 'Use the time the incident {verb}, or pass the right --now.',
	},
	IncidentServiceUnknown: {
		title: 'Incident names an unknown service',
		message: 'Incident `{id}` names `{service}` in `{field}`, which no note, catalog or telemetry knows.',
		hint: '{fix}',
	},

	// --- catalogs ------------------------------------------------------------------------------
	CatalogUnreadable: {
		title: 'Catalog file cannot be read',
		message: 'Cannot read {file}: {detail}',
		hint: 'Check that the file still exists and that this user may read it, or narrow the catalog patterns so it is not matched.',
	},
	CatalogSyntax: {
		title: 'Catalog document is not valid YAML',
		message: '{detail}',
		hint: '{fix}',
	},
	CatalogUnknownFormat: {
		title: 'Catalog document is in no format Halflife reads',
		message: 'This document is neither a Backstage descriptor nor a Datadog service definition, so it was skipped.',
		hint: 'Backstage descriptors start with `apiVersion: backstage.io/v1alpha1` and a `kind`; Datadog definitions have `schema-version: v2.2` and `dd-service`, or `apiVersion: v3` and a `kind`. If the file is something else, narrow the catalog patterns so it is not matched.',
	},
	CatalogSchemaVersionUnknown: {
		title: 'Unknown Datadog schema version',
		message: '`schema-version: {version}` is not a version Halflife reads. Supported: {supported}.',
		hint: 'Use one of {supported} with `dd-service`, or the v3 format (`apiVersion: v3`, `kind: service`, `metadata.name`).',
	},
	CatalogNameMissing: {
		title: 'Catalog entry has no name',
		message: 'This {format} document has no `{field}`, so it was skipped.',
		hint: 'Add `{field}` with the name of what the document describes, like `{example}`.',
	},
	CatalogFieldInvalid: {
		title: 'Catalog field is invalid',
		message: 'Field `{field}` {detail}.',
		hint: '{fix}',
	},
	CatalogBadRef: {
		title: 'Entity reference is invalid',
		message: '`{ref}` in `{field}` {detail}.',
		hint: 'Write a reference as `[kind:][namespace/]name`, like {example}.',
	},
	CatalogDuplicate: {
		title: 'Two catalog entries have the same kind and name',
		message: '{kind} `{name}` is also defined at {other}; this one was skipped.',
		hint: 'Remove one of the two, or rename one of them.',
	},
	CatalogUnsafeLink: {
		title: 'Catalog link dropped',
		message: 'The address in `{field}` is {what}, so it was left out.',
		hint: 'Only http://, https:// and mailto: addresses reach the site. Write the full address, or remove it.',
	},
	CatalogApiUnprovided: {
		title: 'Consumed API has no provider',
		message: '`{consumer}` consumes API `{api}`, but nothing in the catalogs provides it{declared}.',
		hint: '{fix}',
	},

	// --- build and publish ---------------------------------------------------------------------
	InvalidNow: {
		title: 'Invalid build time',
		message: '`{value}` is not an ISO-8601 date-time or a Unix epoch.',
		hint: 'Pass --now like 2026-11-23T00:00:00Z, or set SOURCE_DATE_EPOCH to seconds since 1970.',
	},
	SiteLocked: {
		title: 'Another build is publishing',
		message: 'The site directory {site} is locked by {holder} since {since}; this build waited {waited} s for its turn.',
		hint: 'Run again once that build has finished, or let builds wait longer with --lock-timeout SECONDS (option `lockTimeoutSeconds`). If no build is running any more (one was killed on another machine, whose processes this one cannot check), delete {lock} and run again.',
	},
	SiteHistoryInvalid: {
		title: 'The published site history is unreadable',
		message: '{file} is not a valid Halflife versions index: {detail}',
		hint: 'Restore the site directory from the last deploy, or point --site at an empty folder to start a new history.',
	},
	HistoryRestoreFailed: {
		title: 'The published site\'s history could not be downloaded',
		message: 'The site folder {site} has no versions.json, so the build went to restore the history from the published site (history.restoreFrom), but getting {url} failed: {detail}. The build stopped rather than start a new history.',
		hint: 'Run the build again once the published site answers. To start a new history on purpose, unset history.restoreFrom in astro.config.mjs (or drop --restore-from).',
	},
	HistoryRestoreInvalid: {
		title: 'The published site\'s history is not a Halflife history',
		message: 'The site folder {site} has no versions.json, so the build went to restore the history from the published site (history.restoreFrom), but {url} is not what Halflife publishes: {detail}. The build stopped rather than start a new history.',
		hint: 'Check that history.restoreFrom (or --restore-from) is the address of this site as Pages serves it, such as https://team.github.io/kb/. To start a new history on purpose, unset it.',
	},
	VersionNotFound: {
		title: 'No such build',
		message: 'Build `{id}` is not in {site}.',
		hint: '{fix} `halflife diff` takes build ids as the builds page and versions.json list them, like 20261123T000000Z.',
	},
	TeamNotFound: {
		title: 'No such team',
		message: 'Team `{id}` is not in build {build}.',
		hint: '{fix} `halflife review --team` takes a team id, as the team pages and `teams[].id` in the model name it.',
	},
	VersionExists: {
		title: 'This version is already published',
		message: 'Build `{id}` already exists in {site}.',
		hint: 'Builds are never rewritten. Pass a later --now, or publish into another --site.',
	},
	ExportSiteMissing: {
		title: 'No site to export',
		message: 'The site directory {site} does not exist.',
		hint: 'Run `halflife build` first, or pass --site with the folder a build published to.',
	},
	ExportTargetNotEmpty: {
		title: 'Refusing to export into a folder that has files',
		message: 'The export target {out} is not empty.',
		hint: 'An export is a whole copy of the site and never merges into other files: remove {out} first, or pass a new folder.',
	},
	SiteTooLarge: {
		title: 'The site is larger than its host accepts',
		message: 'Exporting {site} would write {size}, more than `retention.maxSiteBytes` ({limit}); nothing was written.',
		hint: 'Keep the pages of fewer versions (lower `retention.frozenBytes` or `retention.keepVersions`; older builds keep their model, so charts and `halflife diff` still cover them), or raise `retention.maxSiteBytes` for a host that takes more.',
	},
	SiteNearSizeLimit: {
		title: 'The site nears its size limit',
		message: 'The export is {size}, {share} of `retention.maxSiteBytes` ({limit}); past it, export fails and the site stops deploying.',
		hint: 'Lower `retention.frozenBytes` now (older builds keep their model, so charts and `halflife diff` still cover them), or raise `retention.maxSiteBytes` for a host that takes more.',
	},
	ExportTargetInsideSite: {
		title: 'Cannot export a site into itself',
		message: 'The export target {out} is inside the site directory {site}.',
		hint: 'Pass a folder outside {site}, for example one beside it.',
	},
	AstroBuildFailed: {
		title: 'The site failed to build',
		message: '{detail}',
		hint: 'The published site was left as it was. The generated pages are in {buildDir} for inspection.',
	},
	DemoSiteNotEmpty: {
		title: 'Refusing to replace a folder that is not a Halflife site',
		message: 'The demo rebuilds its site from scratch, but {site} has files and no versions.json.',
		hint: 'Pass --site with an empty folder, or one that holds a Halflife site.',
	},
	NowBeforePrevious: {
		title: 'Build time goes backwards',
		message: 'The build time {now} is before the latest published build {previous}.',
		hint: 'Pass a --now after {previous}, or publish into another --site.',
	},
	PortUnavailable: {
		title: 'Cannot serve on this port',
		message: 'Listening on {host}:{port} failed: {detail}',
		hint: 'Another program may be using the port, or it needs privileges: pass another --port, or --port 0 to take any free one.',
	},
} as const satisfies Record<string, { title: string; message: string; hint: string }>;

/** The name of an error in the catalog. */
export type ErrorName = keyof typeof errorCatalog;

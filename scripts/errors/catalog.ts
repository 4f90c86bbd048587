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
	TelemetryCredentialsMissing: {
		title: 'Telemetry credentials are missing',
		message: 'The {source} telemetry source reads its {what} from the environment variable {variable}, which is not set.',
		hint: 'Set {variable} in the environment that runs Halflife (a CI secret, say), or remove the authentication option if the server needs none.',
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
		hint: 'Start the file with `---`, then at least `service:`, `owner:`, `reviewed:`, then `---`.',
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
		message: 'Owner `{owner}` does not match any team under {teamsDir}.',
		hint: '{fix}',
	},
	ReviewedInFuture: {
		title: 'Review date is in the future',
		message: '`reviewed: {reviewed}` is after the build time {now}.',
		hint: 'Use the date a person last confirmed the note, or pass the right --now.',
	},

	// --- build and publish ---------------------------------------------------------------------
	InvalidNow: {
		title: 'Invalid build time',
		message: '`{value}` is not an ISO-8601 date-time or a Unix epoch.',
		hint: 'Pass --now like 2026-11-23T00:00:00Z, or set SOURCE_DATE_EPOCH to seconds since 1970.',
	},
	SiteLocked: {
		title: 'Another build is publishing',
		message: 'The site directory {site} is locked by process {pid} since {since}.',
		hint: 'Wait for that build to finish. If it crashed, delete {lock} and run again.',
	},
	SiteHistoryInvalid: {
		title: 'The published site history is unreadable',
		message: '{file} is not a valid Halflife versions index: {detail}',
		hint: 'Restore the site directory from the last deploy, or point --site at an empty folder to start a new history.',
	},
	VersionExists: {
		title: 'This version is already published',
		message: 'Build `{id}` already exists in {site}.',
		hint: 'Builds are never rewritten. Pass a later --now, or publish into another --site.',
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

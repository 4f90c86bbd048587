/** The `halflife --help` text: every command and flag. */
export const HELP = `halflife: a knowledge base of a production system that shows how understanding decays

Usage: halflife <command> [options]

Commands:
  init     Write a new Halflife project into a folder: init DIR [--title TEXT] [--from SPEC]
  build    Pull telemetry, read notes, merge, and publish the site as a new version
  check    Validate notes, teams and catalogs; print every problem with file, line and column
  diff     Print what changed between two builds: diff [FROM] [TO] (default: the latest and the one before)
  export   Copy the published site, symlinks resolved, to --out DIR for a static host
  pull     Pull telemetry for the window ending at --now into a snapshot (no site is built)
  review   Print each team's review queue, the oldest and riskiest first: review [--team ID] [--json]
  demo     Rebuild the embedded demo from scratch: six weekly builds into the site folder
  serve    Serve the published site folder on http://localhost:4321/ (--port to change)

Options:
  --root DIR       Project root, where astro.config.mjs is (default: current folder)
  --content DIR    Folder with notes/, teams/ and telemetry/ (default from config: content)
  --site DIR       Published site folder that keeps every version (default from config: dist)
  --cache-dir DIR  Working folder for snapshots, generated pages and caches (default from config: .halflife)
  --base PATH      URL path the site is served under, e.g. /docs/ for a GitHub Pages project site (default from config: /)
  --now ISO        The build's clock, e.g. 2026-11-23T00:00:00Z (default: SOURCE_DATE_EPOCH, else now)
  --lock-timeout S \`build\`: seconds to wait while another build publishes into the site (default from config: 1800)
  --restore-from URL \`build\`: when the site folder has no history, restore it from the site published at URL (default from config: history.restoreFrom)
  --port N         Port for \`serve\` (default 4321)
  --no-diagrams    Do not render diagrams here; readers' browsers render them
  --publish-broken Publish even when notes have errors, marking broken notes on their pages
  --strict         \`check\`: fail on warnings too
  --team ID        \`review\`: only this team's queue
  --json           \`build\`, \`diff\`, \`review\`: print a machine-readable summary (for bots and chat notifications)
  --out DIR        \`export\`: the folder to copy the site into (must be empty or missing)
  --title TEXT     \`init\`: the new site's title (default: the folder's name)
  --from SPEC      \`init\`: where the project gets Halflife: a tarball path, a git URL or a version (default: ^this version)
  --no-install     \`init\`: write the files only, without resolving package-lock.json
  --quiet          Only print warnings and errors
  -h, --help       Show this help; \`halflife <command> --help\` shows one command's

Exit codes: 0 success, 1 problems in the inputs or the command line (warnings only with --strict),
2 internal error (a bug), 3 \`build\` published, but a telemetry source failed and the site shows
the last good snapshot, marked stale (CI can warn and keep the site).

Every other setting lives in the halflife() options in astro.config.mjs (see the README's table).
`;

/** Each command's `--help`: its usage, the flags it reads, and the options that shape it. */
export const COMMAND_HELP: Record<string, string> = {
	init: `halflife init DIR [--title TEXT] [--from SPEC] [--no-install]

Writes a ready project into DIR (missing or empty): content/ with a team, a note and a README,
public/ for the site's own static files, astro.config.mjs with the halflife() integration,
package.json depending on Halflife (--from: a tarball path, a git URL or a version range), the
GitHub Actions and GitLab CI pipelines, and .gitignore; then resolves the dependencies into
package-lock.json (--no-install skips it). Then: cd DIR && npm ci && npm run build.
`,
	build: `halflife build [--root DIR] [--content DIR] [--site DIR] [--cache-dir DIR] [--base PATH] [--now ISO] [--lock-timeout SECONDS] [--restore-from URL] [--no-diagrams] [--publish-broken] [--json] [--quiet]

Pulls telemetry, reads notes, catalogs and deploys, merges, and publishes one new version.
Reads from astro.config.mjs: title, content, site, base, cacheDir, lockTimeoutSeconds, windowDays, staleAfterDays,
telemetry.*, notes.*, catalogs.paths, owners.departed, confidence.*, shifts.*, deploys.paths, retention.keepVersions, retention.frozenBytes,
history.restoreFrom, maxDiagramNeighbours, start.*, editLink.baseUrl, and for the site's look components, customCss and favicon.
Exit 0 published, 1 bad input (the site is left as it was), 3 published with stale telemetry.
When another build is publishing into the same site, this one says so and waits its turn, up to
--lock-timeout SECONDS (0: fail at once), then fails naming that build. Builds that wait together
publish in the order of their --now; without --now (or SOURCE_DATE_EPOCH) a build's clock is the
time it gets its turn. A site folder with no versions.json (a CI cache evicted) first gets its history
back from the published site at --restore-from URL (option \`history.restoreFrom\`): versions.json and
every build's model, as pruned versions; a 404 there starts a new history, any other failure stops.
On a terminal one status line shows the long stages' progress; in CI (CI=true),
when stderr is piped, or with --json or --quiet, output is plain lines only.
`,
	check: `halflife check [--root DIR] [--content DIR] [--now ISO] [--strict]

Lists every problem in notes, teams, catalogs and deploy events, with file, line and column.
Reads: content, notes.*, catalogs.paths, owners.departed, deploys.paths (and the last snapshot in cacheDir).
Exit 0 clean, 1 errors (or warnings with --strict).
`,
	diff: `halflife diff [FROM] [TO] [--site DIR] [--json]

What changed between two published builds; one id compares it with the build before it, none
compares the latest with the one before.
`,
	review: `halflife review [--team ID] [--site DIR] [--json]

Prints each team's review queue from the latest published build: every open unknown the team owns
(hidden, phantom and gone dependencies, stale notes and sections, undocumented services its services
call or are called by, services whose owner left), the longest open first, then the riskiest,
with the build each opened in. Ten items per team; the team's queue page and --json have all.
--team ID prints one team's (an unknown id exits 1 naming the nearest teams).
`,
	export: `halflife export --out DIR [--site DIR]

Copies the published site with its symlinks resolved, for static hosts that do not follow them.
`,
	pull: `halflife pull [--content DIR] [--cache-dir DIR] [--now ISO]

Pulls telemetry for the window ending at --now into <cacheDir>/snapshots/<content>-<hash>/<id>.json; a bad input
leaves the last snapshot as it was. Reads: telemetry.*, windowDays.
`,
	demo: `halflife demo [--site DIR] [--base PATH] [--no-diagrams]

Rebuilds the embedded Basketful demo from scratch as six weekly builds.
`,
	serve: `halflife serve [--site DIR] [--base PATH] [--port N]

Serves the published site folder on http://localhost:4321/, under the site's base (config: base).
`,
};

import { z } from 'astro/zod';
import { countingSchema, latencySchema, nodeKindSchema, skippedRecordsSchema } from '../sources/snapshot.ts';

/** The model format version; bump it when a change would mislead an older reader. */
export const MODEL_SCHEMA_VERSION = 1;

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/**
 * How a dependency is known: declared by a team and observed (`confirmed`), observed and declared
 * only by a post-incident review (`learned`), observed and declared nowhere (`hidden`), declared and
 * not observed in this window but by an earlier build (`dormant`), or declared and never observed (`phantom`).
 */
export const edgeStatusSchema = z.enum(['confirmed', 'learned', 'hidden', 'dormant', 'phantom']);

/** How a service uses what it depends on: reads or writes a store, publishes to or consumes from a queue, or calls it (a service, a host, or a store whose operations were not named). */
export const useSchema = z.enum(['reads', 'writes', 'publishes', 'consumes', 'calls']);

/** Where a claim about a service or a dependency was written: a note, a catalog, or a post-incident review. */
export const claimSourceSchema = z.enum(['note', 'backstage', 'datadog', 'incident']);

/** What an incident taught about a dependency. */
export const lessonKindSchema = z.enum(['undeclared', 'critical', 'gone']);

/** One incident's lesson about an edge, as a claim of its own. */
export const edgeLessonSchema = z.object({
	/** The incident's id (`INC-142`). */
	incident: z.string(),
	/** The incident's page slug, for `/incidents/<slug>/`. */
	slug: z.string(),
	/** The day the incident started: when the lesson was confirmed. */
	date: isoDate,
	/** `undeclared` (it exists, nobody had written it down), `critical` (its failure took the caller down) or `gone`. */
	what: lessonKindSchema,
	/** The review's one sentence on it, or null. */
	note: z.string().nullable().default(null),
	/** Confidence in the lesson today, 0 to 1: halved every dependency half-life since `date`, raised when telemetry sees the edge (for `gone`, lowered). */
	confidence: z.number().min(0).max(1).nullable().default(null),
});

/** A post-incident review, as the model keeps it. */
export const modelIncidentSchema = z.object({
	/** The incident's id, unique in the build (`INC-142`). */
	id: z.string(),
	/** One-line summary. */
	title: z.string(),
	/** URL-safe identifier used for `/incidents/<slug>/`. */
	slug: z.string(),
	/** When it started. */
	started: isoDateTime,
	/** When it was resolved. */
	resolved: isoDateTime,
	/** Severity in the owner's own scale. */
	severity: z.string(),
	/** The services involved, names resolved through aliases. */
	services: z.array(z.string()),
	/** The team that owns the review. */
	owner: z.string(),
	/** Addresses of its timeline, ticket, channel. */
	links: z.array(z.object({ title: z.string(), url: z.string() })).default([]),
	/** What it taught. */
	learned: z
		.object({
			/** Lessons about dependencies, names resolved through aliases. */
			dependencies: z.array(z.object({ from: z.string(), to: z.string(), what: lessonKindSchema, note: z.string().nullable() })).default([]),
			/** Lessons about services. */
			services: z.array(z.object({ service: z.string(), what: z.string() })).default([]),
		})
		.prefault({}),
	/** The review file, relative to the content folder. */
	path: z.string(),
});

/** A part of a note with its own review date (a heading marked `{reviewed=YYYY-MM-DD}`). */
export const sectionFreshnessSchema = z.object({
	/** The heading's text. */
	heading: z.string(),
	/** The date a person last confirmed the section. */
	reviewed: isoDate,
	/** Whole days from `reviewed` to the build time. */
	ageDays: z.number().int(),
	/** Whether the section is older than the note's review cadence. */
	stale: z.boolean(),
});

/** What kind of review set a note's current `reviewed:` date, and how that is known. */
export const noteReviewSchema = z.object({
	/** `full` when the review came with changes to the note's text, `date-only` when only review dates moved, `unknown` when nothing can tell. */
	kind: z.enum(['full', 'date-only', 'unknown']),
	/** `git` when the note's history told, `previous-build` when comparing with the previous build's model did, null when neither could. */
	basis: z.enum(['git', 'previous-build']).nullable(),
	/** The commit that set the current `reviewed:` date, or null without git. */
	commit: z.string().nullable(),
	/** That commit's author email, or null without git. */
	author: z.string().nullable(),
	/** Whether that author is of the note's owning team (in its `members:`, or an individual CODEOWNERS owner of the note); null when nothing can tell. */
	byOwningTeam: z.boolean().nullable(),
	/** The last review that came with changes to the text: its date (for a date-only review, the last commit or build that changed the text), or null when unknown. */
	lastFullReview: isoDate.nullable(),
});

/** A review of unknown kind: what older models, and notes nothing can tell about, carry. */
export const UNKNOWN_REVIEW = { kind: 'unknown', basis: null, commit: null, author: null, byOwningTeam: null, lastFullReview: null } as const;

/** What the team's note says about a service, and how old that is. */
export const noteFreshnessSchema = z.object({
	/** Note file, relative to the content folder. */
	path: z.string(),
	/** The date a person last confirmed the note, or its last commit date (see `reviewedFrom`). */
	reviewed: isoDate,
	/** `frontmatter` when a person wrote the date; `git` when it is the note's last commit, a fallback. */
	reviewedFrom: z.enum(['frontmatter', 'git']).default('frontmatter'),
	/** The note's review cadence in days: its `reviewEvery`, else the site's `staleAfterDays`. */
	reviewEveryDays: z.number().int().positive().default(90),
	/** Whole days from `reviewed` to the build time. */
	ageDays: z.number().int(),
	/** Whether the note is older than its review cadence. */
	stale: z.boolean(),
	/** Sections with their own review date, in note order. */
	sections: z.array(sectionFreshnessSchema).default([]),
	/** The note's own confidence half-life (`halfLife`), in days, or null for the site's. */
	halfLifeDays: z.number().nullable().default(null),
	/** A hash of what the note says (frontmatter and prose), to tell an edit from a build that changed nothing. */
	hash: z.string().default(''),
	/** A hash of the note's text with its review dates taken out (`reviewed:` and `{reviewed=…}` markers): the same before and after a date-only review. */
	textHash: z.string().default(''),
	/** What kind of review set `reviewed`: with edits to the text, or the date alone. */
	review: noteReviewSchema.default({ ...UNKNOWN_REVIEW }),
});

/** Kinds of written claim that carry a confidence. */
export const claimKindSchema = z.enum(['owner', 'description', 'note', 'section', 'dependency', 'undeclared']);

/** One claim about a service, and how far it can still be trusted. */
export const claimSchema = z.object({
	/** What kind of claim: `undeclared` is a dependency telemetry shows and nothing declares (a gap, confidence 0). */
	kind: claimKindSchema,
	/** What it is about: the owner's id, a section heading, a dependency's name. */
	subject: z.string(),
	/** Confidence from 0 (not to be trusted) to 1. */
	confidence: z.number().min(0).max(1),
	/** When a person last confirmed it, or null when nobody did or the date is unknown. */
	since: isoDate.nullable(),
	/** Whole days since then, or null. */
	ageDays: z.number().int().nullable(),
	/** The half-life it decays with, in days, or null when time does not apply. */
	halfLifeDays: z.number().nullable(),
	/** Why the number is what it is, in words, inputs included. */
	evidence: z.string(),
	/** The file that states it, relative to the content folder, where a person would change it; null when nothing does. */
	file: z.string().nullable().default(null),
});

/** The parts a service's confidence is made of: each scores its own kinds of claim. */
export const confidencePartSchema = z.enum(['prose', 'ownership', 'dependencies']);

/** One part of a service's confidence. */
export const partScoreSchema = z.object({
	/** The mean of the part's claims, from 0 to 1. */
	confidence: z.number().min(0).max(1),
	/** How many claims it holds. */
	claims: z.number().int().positive(),
});

/** Something a person can do to regain confidence in a service, and how much it would regain. */
export const nextActionSchema = z.object({
	/** `declare` a dependency telemetry saw, `remove` one surely gone, `review` a note, a section or an owner, `name-owner`, `write-note`. */
	kind: z.enum(['declare', 'remove', 'review-note', 'review-section', 'name-owner', 'write-note']),
	/** What it is about: a dependency, a section heading, the note. */
	subject: z.string(),
	/** Points (0 to 100) the headline would rise by, taken after the actions listed before it; 0 when it lifts a part that is not the weakest. */
	gain: z.number().int().nonnegative(),
	/** The part it lifts. */
	part: confidencePartSchema,
	/** Points its part would rise by. */
	partGain: z.number().int().positive(),
	/** The file to edit, relative to the content folder, or null when there is none yet. */
	file: z.string().nullable(),
	/** The action in words. */
	text: z.string(),
});

/** How far what is written about a service can be trusted, and why. */
export const serviceConfidenceSchema = z.object({
	/** The headline, from 0 to 1: the confidence of its weakest part (`weakest`). */
	confidence: z.number().min(0).max(1),
	/** The part the headline comes from, or null with no claims. */
	weakest: confidencePartSchema.nullable().default(null),
	/** Each part's score, or null for a part with no claims (a service that calls nothing has no dependency part). */
	parts: z
		.object({ prose: partScoreSchema.nullable(), ownership: partScoreSchema.nullable(), dependencies: partScoreSchema.nullable() })
		.default({ prose: null, ownership: null, dependencies: null }),
	/** Every claim that went into it. */
	claims: z.array(claimSchema),
	/** What would regain the most confidence, the largest gain first (at most five). */
	actions: z.array(nextActionSchema).default([]),
});

/** How sure Halflife is that a declared dependency nobody saw is really gone. */
export const absenceSchema = z.object({
	/** From 0 (cannot tell) to 1 (it would certainly have been seen). */
	certainty: z.number().min(0).max(1),
	/** The caller's spans (or calls) in the window that saw no call. */
	evidenceSpans: z.number().int().nonnegative(),
	/** For a dependency expected only now and then: the days it may go unseen, and whether they have passed. */
	interval: z.object({ everyDays: z.number().positive(), overdue: z.boolean() }).nullable().default(null),
	/** In words. */
	basis: z.string(),
});

/** One file that describes a service, what it says, and how old it is. */
export const modelSourceSchema = z.object({
	/** A team's note, or a catalog. */
	source: claimSourceSchema,
	/** Path relative to the content folder. */
	file: z.string(),
	/** Line of the service's name in it. */
	line: z.number().int(),
	/** When a person confirmed it, or when git last saw it change (see `reviewedFrom`); null when unknown. */
	reviewed: isoDate.nullable(),
	/** Where `reviewed` came from. */
	reviewedFrom: z.enum(['frontmatter', 'git']).nullable(),
	/** Whole days from `reviewed` to the build time, or null. */
	ageDays: z.number().int().nullable(),
	/** The single-valued fields it sets, as written. */
	fields: z.record(z.string(), z.string()),
});

/** A problem found in a file that describes the service, for its page. */
export const modelProblemSchema = z.object({
	severity: z.enum(['error', 'warning']),
	/** The error's name in the catalog. */
	name: z.string(),
	title: z.string(),
	message: z.string(),
	hint: z.string(),
	/** `file:line:column`. */
	where: z.string(),
});

/** A link on a service page; only http(s) and mailto addresses reach the model. */
export const modelLinkSchema = z.object({ title: z.string(), url: z.string() });

/** A dependency as declared, with why and by whom. */
export const modelDependencySchema = z.preprocess(
	// Models written before dependencies carried reasons list bare names.
	(value) => (typeof value === 'string' ? { name: value, why: null, from: ['note'] } : value),
	z.object({
		/** The dependency's name, as written. */
		name: z.string(),
		/** Why the service needs it, or null. */
		why: z.string().nullable(),
		/** Every source that declares it. */
		from: z.array(claimSourceSchema),
	}),
);

/** What telemetry says about a service in the build's window, and how recent that is. */
export const telemetryFreshnessSchema = z.object({
	/** First time telemetry saw the service in the window, or null when the source has no times. */
	firstSeen: isoDateTime.nullable(),
	/** Last time telemetry saw the service in the window, or null when the source has no times. */
	lastSeen: isoDateTime.nullable(),
	/** Whole days from `lastSeen` to the build time (0 when seen within the last day), or null without `lastSeen`. */
	ageDays: z.number().int().nullable(),
	/** Spans the service emitted in the window (0 for uninstrumented callees). */
	spans: z.number().int().nonnegative(),
	/** `service.version` values seen in the window. */
	versions: z.array(z.string()),
	/** Names telemetry reported that naming rules folded into this one (pod names, say). */
	rawNames: z.array(z.string()),
});

/** One service or infrastructure node, as the merge of notes and telemetry sees it. */
export const modelServiceSchema = z.object({
	/** Name as written in the note or reported by telemetry; untrusted text. */
	name: z.string(),
	/** URL- and file-safe, unique, bounded-length identifier used for `/services/<slug>/`. */
	slug: z.string(),
	/** Service, or the kind of infrastructure telemetry or naming suggests. */
	kind: nodeKindSchema,
	/** Owning team id, a person as `user:<name>`, or null when nobody is named. */
	owner: z.string().nullable(),
	/** One-line description, or null. */
	description: z.string().nullable(),
	/** Other names telemetry uses for it, from its note. */
	aliases: z.array(z.string()).default([]),
	/** Criticality, in the owner's own scale, or null. */
	tier: z.string().nullable().default(null),
	/** Stage of life (`production`, `deprecated`), or null. */
	lifecycle: z.string().nullable().default(null),
	/** Who is paged, or null. */
	oncall: z.string().nullable().default(null),
	/** Runbook address, or null. */
	runbook: z.string().nullable().default(null),
	/** Source repository address, or null. */
	repo: z.string().nullable().default(null),
	/** Where to reach the owners about it, or null. */
	contact: z.string().nullable().default(null),
	/** The system (a group of services) it belongs to, or null. */
	system: z.string().nullable().default(null),
	/** The service it is a part of, or null. */
	partOf: z.string().nullable().default(null),
	/** Links from every source. */
	links: z.array(modelLinkSchema).default([]),
	/** Which source each field above came from. */
	fieldSources: z.record(z.string(), claimSourceSchema).default({}),
	/** Every file that describes it, the winning one first. */
	sources: z.array(modelSourceSchema).default([]),
	/** The note, when a team wrote one. */
	note: noteFreshnessSchema.nullable(),
	/** Whether its note is broken (published anyway with `notes.publishBroken`). */
	broken: z.boolean().default(false),
	/** Problems found in the files that describe it. */
	problems: z.array(modelProblemSchema).default([]),
	/** How far what is written about it can be trusted; null for infrastructure nobody described. */
	confidence: serviceConfidenceSchema.nullable().default(null),
	/** Deploys since its note (or catalog entry) was last confirmed, from deploy events and `service.version` changes. */
	deploys: z
		.object({
			/** Deploys after the last review, up to the build. */
			sinceReview: z.number().int().nonnegative(),
			/** The newest deploy known, or null. */
			latest: z.object({ version: z.string(), time: isoDateTime }).nullable(),
		})
		.default({ sinceReview: 0, latest: null }),
	/** Telemetry in the window, when the service was observed. */
	telemetry: telemetryFreshnessSchema.nullable(),
	/** Dependencies its note and catalogs declare. */
	dependsOn: z.array(modelDependencySchema),
	/** Number of distinct services that call this one (declared or observed). */
	dependents: z.number().int().nonnegative(),
	/** Distinct instances that emitted its spans in the window (at least 10,000 when it says 10,000); null when telemetry named none or did not see it. */
	instances: z.number().int().positive().nullable().default(null),
	/** Whether every observed call to it was made in a trace holding a failure: it is only called when something fails (a fallback, a dead-letter queue). */
	errorOnlyCallee: z.boolean().default(false),
	/** Spans it emitted that started a trace in the window (requests entering here, or jobs starting); 0 when none or not seen. */
	rootSpans: z.number().int().nonnegative().default(0),
	/** Where not knowing it hurts most (see `serviceRisks`); null for infrastructure. */
	risk: z
		.object({
			/** `(1 − confidence) × importance`. */
			score: z.number().nonnegative(),
			/** `tier weight × (1 + dependents + log10(1 + calls received))`. */
			importance: z.number().nonnegative(),
			/** 3 for tier 1 or critical, 2 for tier 2, 0.5 deprecated or experimental, else 1. */
			tierWeight: z.number().positive(),
			/** Calls other services made to it in the window, and traces it started (requests from outside). */
			callsReceived: z.number().int().nonnegative(),
		})
		.nullable()
		.default(null),
});

/** What about an edge's traffic can shift between two builds. */
export const shiftKindSchema = z.enum(['calls', 'errors', 'latency']);

/**
 * An edge's traffic compared with the previous build's (see `shifts` in the options for the rules).
 * A kind is in `shifted` when the change is both large enough and unlikely to be chance; in
 * `tooFewCalls` when the change is large enough but the calls behind it are too few to tell.
 */
export const edgeChangeSchema = z.object({
	/** The build compared against. */
	previous: z.string(),
	/** Calls in the previous build's window. */
	previousCalls: z.number().int().nonnegative(),
	/** Share of calls that failed in the previous build, or null with no calls. */
	errorShareBefore: z.number().min(0).max(1).nullable(),
	/** Share of calls that failed in this build, or null with no calls. */
	errorShareAfter: z.number().min(0).max(1).nullable(),
	/** p95 latency in the previous build, in milliseconds, or null when unknown. */
	p95Before: z.number().nonnegative().nullable(),
	/** p95 latency in this build, in milliseconds, or null when unknown. */
	p95After: z.number().nonnegative().nullable(),
	/** What moved beyond its threshold with enough calls to tell: a finding. */
	shifted: z.array(shiftKindSchema),
	/** What moved beyond its threshold on too few calls to tell it from chance: not a finding. */
	tooFewCalls: z.array(shiftKindSchema),
});

/** One dependency between two services, labelled by how it is known. */
export const modelEdgeSchema = z.object({
	/** Caller's service name. */
	from: z.string(),
	/** Callee's service name. */
	to: z.string(),
	/**
	 * confirmed (declared and observed), learned (observed, declared only by an incident), hidden
	 * (observed, not declared), dormant (declared, not observed in the window, but an earlier build
	 * saw it: see `seenBefore`) or phantom (declared, and no build has observed it).
	 */
	status: edgeStatusSchema,
	/** Whether a note, a catalog or a post-incident review declares this dependency. */
	declared: z.boolean(),
	/** Why, as the declaring source says, or null. */
	why: z.string().nullable().default(null),
	/** The sources that declare it. */
	declaredBy: z.array(claimSourceSchema).default([]),
	/** Whether telemetry saw it in the window. */
	observed: z.boolean(),
	/** Calls seen in the window (0 when not observed). */
	calls: z.number().int().nonnegative(),
	/** Calls that failed. */
	errors: z.number().int().nonnegative(),
	/** Latency of the observed calls, in milliseconds. */
	latencyMs: latencySchema.nullable(),
	/** First call seen in the window, or null. */
	firstSeen: isoDateTime.nullable(),
	/** Last call seen in the window, or null. */
	lastSeen: isoDateTime.nullable(),
	/** Confidence in the written claim of this dependency, 0 to 1 (0 when nothing declares it). */
	confidence: z.number().min(0).max(1).nullable().default(null),
	/** For a declared dependency not seen: how sure its absence is. */
	absence: absenceSchema.nullable().default(null),
	/** What post-incident reviews taught about it, oldest first. */
	learnedIn: z.array(edgeLessonSchema).default([]),
	/** Whether at least `shifts.failingErrorShare` of its calls failed, over at least `shifts.failingMinCalls` calls: observed is not healthy. */
	failing: z.boolean().default(false),
	/** Its traffic compared with the previous build's, or null on a first build or when either build did not observe it. */
	change: edgeChangeSchema.nullable().default(null),
	/** Calls made in traces that held a failed span. */
	errorTraceCalls: z.number().int().nonnegative().default(0),
	/** Calls that were retries of a failed or resent call. */
	retries: z.number().int().nonnegative().default(0),
	/** Whether it was observed, with calls, and every call was in a trace holding a failure: a path only failure takes. */
	errorOnly: z.boolean().default(false),
	/** Retries per call, from 0 to 1, or null without calls. */
	retryShare: z.number().min(0).max(1).nullable().default(null),
	/** Calls on it per call its caller received in the window, or null when the caller received none (an entry point) or it only reads a queue. */
	amplification: z.number().nonnegative().nullable().default(null),
	/** Calls to a database that read it, by the operation each span named. */
	reads: z.number().int().nonnegative().default(0),
	/** Calls to a database that changed it. */
	writes: z.number().int().nonnegative().default(0),
	/** Messages the caller read from a queue (the rest of its calls to the queue published to it). */
	consumes: z.number().int().nonnegative().default(0),
	/** How the caller uses it, as notes and catalogs declare (`stores:`, `uses:`, Backstage resources, Datadog datastores and queues); empty when none says. */
	declaredUses: z.array(useSchema).default([]),
	/** For an edge this window did not observe: when an earlier build last saw it (`build`, `buildsAgo` builds back), or null when none did or this one did. */
	seenBefore: z.object({ lastSeen: isoDateTime, build: z.string(), buildsAgo: z.number().int().positive() }).nullable().default(null),
	/**
	 * How often its note expects it called, when not every window: `rare` (judged over
	 * `confidence.rareEveryDays`) or every `everyDays` days (`expectedEvery`); null when it does not say.
	 */
	expected: z
		.union([z.object({ rare: z.literal(true), everyDays: z.null() }), z.object({ rare: z.literal(false), everyDays: z.number().positive() })])
		.nullable()
		.default(null),
	/** How the caller uses it: what telemetry saw (reads, writes, publishes, consumes; `calls` when it did not say which), else what is declared. Sorted. */
	uses: z.array(useSchema).default([]),
});

/** One service's use of a shared resource. */
export const couplingUserSchema = z.object({
	/** The service using it. */
	service: z.string(),
	/** Its owner (team id), or null. */
	owner: z.string().nullable(),
	/** How it uses the resource (the edge's `uses`). */
	uses: z.array(useSchema),
	/** The status of its edge to the resource: hidden when no note or catalog names the use. */
	status: edgeStatusSchema,
});

/** A database, queue or external host used by several services that do not all call each other: a change to it reaches them all. */
export const couplingSchema = z.object({
	/** The resource's name. */
	resource: z.string(),
	/** What it is. */
	kind: nodeKindSchema,
	/** The resource's owner if a note or catalog names one, else null. */
	owner: z.string().nullable(),
	/** Every service using it, sorted by name. */
	users: z.array(couplingUserSchema),
	/** Distinct owning teams among the users (a null owner counts as none). */
	teams: z.number().int().nonnegative(),
	/** Users that write to it (a store) or publish to it (a queue). */
	writers: z.number().int().nonnegative(),
	/** Whether a note or a catalog declares every user's use (an incident's lesson alone does not). False makes the sharing undocumented. */
	documented: z.boolean(),
	/** Pairs of its users that neither call the other: the coupling nobody sees in a call graph. */
	indirectPairs: z.number().int().nonnegative(),
});

/** Where traffic enters the system. */
export const entryPointSchema = z.object({
	/** The service. */
	service: z.string(),
	/** Spans it started traces with in the window; null when the source has no spans and the entry is judged by callers. */
	rootSpans: z.number().int().nonnegative().nullable(),
	/** `root-spans`: traces start here; `no-callers`: from call totals, it calls others and nothing calls it. */
	basis: z.enum(['root-spans', 'no-callers']),
});

/** An external host the system calls. */
export const egressSchema = z.object({
	/** The host (or peer name). */
	host: z.string(),
	/** Services that call it (observed or declared), sorted. */
	callers: z.array(z.string()),
	/** Calls seen in the window. */
	calls: z.number().int().nonnegative(),
	/** Whether telemetry saw a call to it in the window. */
	observed: z.boolean(),
	/** First and last call seen in the window, or null. */
	firstSeen: isoDateTime.nullable(),
	lastSeen: isoDateTime.nullable(),
});

/** One flow drawn in a cycle's picture, the way work goes (a queue's messages go queue → consumer). */
export const cycleFlowSchema = z.object({
	/** Where the calls or messages came from. */
	from: z.string(),
	/** Where they went. */
	to: z.string(),
	/** Calls (or messages read) along it in the window. */
	calls: z.number().int().positive(),
});

/** A group of nodes that all reach each other through observed calls. */
export const cycleSchema = z.preprocess(
	// Builds before the picture was added stored only the names.
	(value) => (Array.isArray(value) ? { members: value } : value),
	z.object({
		/** Every node of the group, names sorted. */
		members: z.array(z.string()),
		/** What its picture draws: every flow among the members of a small group, one shortest loop through the busiest member of a large one. */
		flows: z.array(cycleFlowSchema).default([]),
	}),
);

/** One hop of an amplified path. */
export const pathHopSchema = z.object({
	/** Caller. */
	from: z.string(),
	/** Callee (or, from a queue, the consumer its messages reach). */
	to: z.string(),
	/** Calls on the hop in the window. */
	calls: z.number().int().nonnegative(),
	/** Calls on the hop per call `from` received; null on the first hop, whose caller received none. */
	amplification: z.number().nonnegative().nullable(),
});

/** A path from an entry point to a leaf along which calls multiply. */
export const amplifiedPathSchema = z.object({
	/** Node names, the entry point first, the leaf last. */
	path: z.array(z.string()),
	/** Its hops, in order. */
	hops: z.array(pathHopSchema),
	/** Calls reaching the leaf per call on the first hop: the product of the later hops' amplifications. */
	amplification: z.number().nonnegative(),
});

/** What kind of open unknown a review queue item is. */
export const queueKindSchema = z.enum(['hidden', 'phantom', 'gone', 'stale-note', 'stale-section', 'undocumented', 'owner-departed']);

/** One open unknown a team owns, and how long it has been open. */
export const queueItemSchema = z.object({
	/** Stable identity across builds: `kind`, `service` and `subject` as a JSON array. */
	key: z.string(),
	/** `hidden` or `phantom` dependency, `gone` (a dormant one surely not called any more), `stale-note`, `stale-section`, `undocumented` service, or `owner-departed`. */
	kind: queueKindSchema,
	/** The service it is about: the caller of a dependency, the note's service, the undocumented service, the service whose owner left. */
	service: z.string(),
	/** What about it: the callee of a dependency, the section's heading, the person who left; empty for a stale note or an undocumented service. */
	subject: z.string(),
	/** The build it first appeared in, carried from the previous build's queue by `key`. */
	openSince: z.object({
		/** That build's id. */
		build: z.string(),
		/** That build's day. */
		date: isoDate,
	}),
	/** Builds it has been open in, this one included (1 when new). */
	buildsOpen: z.number().int().positive(),
	/** The service's risk score (`services[].risk.score`), 0 when it has none. */
	risk: z.number().nonnegative(),
});

/** A team, with the services it owns. */
export const modelTeamSchema = z.object({
	/** Team id (its file name under teams/). */
	id: z.string(),
	/** URL-safe identifier used for `/teams/<slug>/`. */
	slug: z.string(),
	/** Display name. */
	name: z.string(),
	/** One-line description, or null. */
	description: z.string().nullable(),
	/** Where to reach the team, or null. */
	contact: z.string().nullable(),
	/** Where the team is defined: `teams/`, a Backstage Group, or only named as an owner. */
	source: z.enum(['teams', 'backstage', 'owner']).default('teams'),
	/** Names of the services the team owns, sorted. */
	services: z.array(z.string()),
	/** Mean confidence over its services, or null when it owns none. */
	confidence: z.number().min(0).max(1).nullable().default(null),
	/** Every open unknown the team owns (see `reviewQueues`), the longest open first, then the riskiest, then by key. */
	queue: z.array(queueItemSchema).default([]),
});

/** Headline numbers for the home page and the versions index. */
export const modelSummarySchema = z.object({
	/** Services (not infrastructure) known from notes or telemetry. */
	services: z.number().int(),
	/** Services with a note or a catalog entry. */
	documented: z.number().int(),
	/** Services observed in telemetry that no note or catalog describes. */
	undocumented: z.number().int(),
	/** Described services with no owner. */
	unowned: z.number().int().default(0),
	/** Services with a note that telemetry did not see in the window. */
	notObserved: z.number().int(),
	/** Notes older than `staleAfterDays`. */
	staleNotes: z.number().int(),
	/** Infrastructure nodes (databases, queues, external hosts). */
	infrastructure: z.number().int(),
	/** Edges declared and observed. */
	confirmed: z.number().int(),
	/** Edges observed and declared only by a post-incident review. */
	learned: z.number().int().default(0),
	/** Edges observed but not declared. */
	hidden: z.number().int(),
	/** Edges declared and observed by no build (before issue 15's `dormant`, also those an earlier build saw). */
	phantom: z.number().int(),
	/** Edges declared, not observed in this window, but observed by an earlier build. */
	dormant: z.number().int().default(0),
	/** Shared resources (`couplings`) whose sharing no note or catalog fully declares. */
	undocumentedCoupling: z.number().int().default(0),
	/** Understanding of the whole system: mean confidence over its services, or null with none. */
	confidence: z.number().min(0).max(1).nullable().default(null),
});

/** One bin of a calibration table: the pairs whose previous confidence fell in [from, to) (the last bin includes 1). */
export const calibrationBinSchema = z.object({
	/** Lowest confidence in the bin. */
	from: z.number().min(0).max(1),
	/** Confidence the bin stops below (the last bin includes it). */
	to: z.number().min(0).max(1),
	/** Dependencies in the bin. */
	pairs: z.number().int().positive(),
	/** Their mean confidence at the previous build. */
	meanConfidence: z.number().min(0).max(1),
	/** The share of them this build's telemetry saw. */
	seenShare: z.number().min(0).max(1),
});

/**
 * Whether the previous build's confidence predicted this build's telemetry: each dependency the
 * previous build declared, whose caller telemetry saw in both builds, is one pair of its confidence
 * then and whether it was seen now.
 */
export const calibrationSchema = z.object({
	/** The previous build's id, whose confidences are checked. */
	previous: z.string(),
	/** Dependencies checked. */
	pairs: z.number().int().nonnegative(),
	/** Brier score: the mean of (confidence − seen)², seen counting 1 and unseen 0; 0 is perfect, a constant 50% scores 0.25. Null without pairs. */
	brier: z.number().min(0).max(1).nullable(),
	/** Pairs by confidence, in bins of 0.1, the empty ones left out, lowest first. */
	bins: z.array(calibrationBinSchema),
});

/** The merged model of one build: written as `halflife-model.json` next to every version. */
export const modelSchema = z.object({
	/** Format version of this file. */
	schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
	/** The build this model belongs to. */
	build: z.object({
		/** Build id, also the folder under `/v/`. */
		id: z.string(),
		/** The build clock. */
		now: isoDateTime,
		/** Notes older than this many days count as stale. */
		staleAfterDays: z.number().int().positive(),
	}),
	/** The telemetry behind this build, or null when none was pulled. */
	telemetry: z
		.object({
			/** Source name. */
			source: z.string(),
			/** When it was pulled. */
			pulledAt: isoDateTime,
			/** Observation window. */
			window: z.object({ start: isoDateTime, end: isoDateTime }),
			/** Spans in the window. */
			spans: z.number().int(),
			/** Traces in the window. */
			traces: z.number().int(),
			/** Spans whose parent was never seen. */
			orphanSpans: z.number().int(),
			/** Whether call counts are every call or a sample. */
			counting: countingSchema,
			/** Spans read outside the window, not counted. */
			spansOutsideWindow: z.number().int().nonnegative().default(0),
			/** Earliest and latest span start read, in the window or not; null when no span was read. */
			spanStarts: z.object({ first: isoDateTime, last: isoDateTime }).nullable().default(null),
			/** True when nothing the sources read falls in the window (no span, no call): the build observed nothing. */
			emptyWindow: z.boolean().default(false),
			/** Invalid records skipped as unreadable, over every input. */
			skippedRecords: z.number().int().nonnegative().default(0),
			/** Each input and reason that had records skipped: how many, and the line of the first. */
			skipped: z.array(skippedRecordsSchema.extend({ /** The input, as the snapshot names it. */ input: z.string() })).default([]),
		})
		.nullable(),
	/** Set when a telemetry source failed and the build went on from the last good snapshot (or without telemetry). */
	telemetryDegraded: z
		.object({
			/** What failed, as the error said it (secrets never appear in it). */
			reason: z.string(),
			/** When the snapshot the build used instead was pulled, or null when there was none. */
			lastGoodPull: isoDateTime.nullable(),
		})
		.nullable()
		.default(null),
	/** Headline numbers. */
	summary: modelSummarySchema,
	/** Teams, sorted by id. */
	teams: z.array(modelTeamSchema),
	/** Every service and infrastructure node, sorted by name. */
	services: z.array(modelServiceSchema),
	/** Every edge, sorted by from, then to. */
	edges: z.array(modelEdgeSchema),
	/** Post-incident reviews, the newest first. */
	incidents: z.array(modelIncidentSchema).default([]),
	/** Call cycles in observed traffic (through queues too), the largest first; at most 100. */
	cycles: z.array(cycleSchema).default([]),
	/** The paths from an entry point to a leaf along which calls multiply most (product above 1), at most 20, largest first. */
	amplifiedPaths: z.array(amplifiedPathSchema).default([]),
	/** Resources several services share without all calling each other, the most users first. */
	couplings: z.array(couplingSchema).default([]),
	/** Where traffic enters, the most traces first. */
	entryPoints: z.array(entryPointSchema).default([]),
	/** External hosts called or declared, the busiest first. */
	egress: z.array(egressSchema).default([]),
	/** Services on an observed path from an entry point to a database or queue, sorted: what stands between the outside and the data. */
	betweenEntryAndData: z.array(z.string()).default([]),
	/** How well the previous build's confidence in declared dependencies predicted what this build's telemetry saw; null on a first build or without telemetry in both. */
	calibration: calibrationSchema.nullable().default(null),
});

/** How a dependency is known. */
export type EdgeStatus = z.infer<typeof edgeStatusSchema>;
/** A service in the model. */
export type ModelService = z.infer<typeof modelServiceSchema>;
/** How well one build's confidence predicted the next build's telemetry. */
export type Calibration = z.infer<typeof calibrationSchema>;
/** An edge in the model. */
export type ModelEdge = z.infer<typeof modelEdgeSchema>;
/** A group of nodes that reach each other, and its picture. */
/** How a service uses a dependency. */
export type Use = z.infer<typeof useSchema>;
/** A resource several services share. */
export type Coupling = z.infer<typeof couplingSchema>;
/** Where traffic enters. */
export type EntryPoint = z.infer<typeof entryPointSchema>;
/** An external host called. */
export type Egress = z.infer<typeof egressSchema>;
/** A group of nodes that reach each other, and its picture. */
export type ModelCycle = z.infer<typeof cycleSchema>;
/** One cycle's drawn flow. */
export type CycleFlow = z.infer<typeof cycleFlowSchema>;
/** A path along which calls multiply. */
export type AmplifiedPathEntry = z.infer<typeof amplifiedPathSchema>;
/** One item of a team's review queue. */
export type QueueItem = z.infer<typeof queueItemSchema>;
/** What kind of open unknown a queue item is. */
export type QueueKind = z.infer<typeof queueKindSchema>;
/** A team in the model. */
export type ModelTeam = z.infer<typeof modelTeamSchema>;
/** Headline numbers of a build. */
export type ModelSummary = z.infer<typeof modelSummarySchema>;
/** What can shift on an edge. */
export type ShiftKind = z.infer<typeof shiftKindSchema>;
/** An edge's traffic compared with the previous build's. */
export type EdgeChange = z.infer<typeof edgeChangeSchema>;
/** The merged model of one build. */
export type Model = z.infer<typeof modelSchema>;
/** A file that describes a service, in the model. */
export type ModelSource = z.infer<typeof modelSourceSchema>;
/** Why a build's telemetry is not its own. */
export type TelemetryDegraded = NonNullable<Model['telemetryDegraded']>;
/** A post-incident review in the model. */
export type ModelIncident = z.infer<typeof modelIncidentSchema>;
/** One incident's lesson about an edge. */
export type EdgeLesson = z.infer<typeof edgeLessonSchema>;
/** A claim and its confidence. */
export type Claim = z.infer<typeof claimSchema>;
/** A part of a service's confidence. */
export type ConfidencePart = z.infer<typeof confidencePartSchema>;
/** An action that would regain confidence. */
export type NextAction = z.infer<typeof nextActionSchema>;
/** A problem shown on a service page. */
export type ModelProblem = z.infer<typeof modelProblemSchema>;
/** What kind of review set a note's date (`services[].note.review`). */
export type NoteReview = z.infer<typeof noteReviewSchema>;

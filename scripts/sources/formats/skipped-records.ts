import { HalflifeError } from '../../errors/halflife-error.ts';
import { formatJsonPath, jsonPathLine, type JsonPath } from './json-path.ts';

/** Why a record (a span, a link) was skipped, as a message completes "records with ...". */
export const SKIP_REASONS = {
	'not-an-object': 'a value that is not a JSON object',
	'trace-id': 'no valid trace id (missing, all zeros or not hex)',
	'span-id': 'no valid span id (missing, all zeros or not hex)',
	'parent-id': 'a parent span id that is not hex',
	name: 'no span name',
	time: 'a start, end or duration that is not a valid time',
	service: 'no service name at one end of the link',
	count: 'a call or error count that is not a non-negative integer',
} as const;

/** Why a record was skipped. */
export type SkipReason = keyof typeof SKIP_REASONS;

/** Every skip reason, for schemas. */
export const SKIP_REASON_NAMES = Object.keys(SKIP_REASONS) as [SkipReason, ...SkipReason[]];

/** More than this share of an input's records invalid makes it an error rather than an input with a few bad records. */
export const MAX_INVALID_SHARE = 0.5;

/** One kind of invalid record skipped in one input: how many, and where the first was. */
export interface SkippedKind {
	/** What was wrong with them. */
	reason: SkipReason;
	/** How many were skipped. */
	count: number;
	/** 1-based line of the first, when known. */
	line: number | null;
	/** What was wrong with the first, naming its field; input text in it is quoted and cut short. */
	detail: string;
	/** Where the first is in its JSON document, until `locateSkipped` turns that into a line. */
	at?: JsonPath | undefined;
}

/** Thrown for a record a reader must skip; the reader adds where the record is. */
export class InvalidRecordError extends Error {
	override readonly name = 'InvalidRecordError';
	/** Why the record is skipped. */
	readonly reason: SkipReason;
	/** What is wrong, from the record on: `.traceId is missing`, ` must be an object`. */
	readonly what: string;

	constructor(reason: SkipReason, what: string) {
		super(what);
		this.reason = reason;
		this.what = what;
	}
}

interface FirstOfKind {
	count: number;
	line: number | undefined;
	at: JsonPath | undefined;
	detail: string;
}

/**
 * The invalid records of one input, counted by reason, the first of each remembered: machine-
 * written telemetry with a few bad records (an SDK bug writing all-zero ids, say) is read
 * without them, and a message says how many and where the first was.
 */
export class SkippedRecords {
	readonly #kinds = new Map<SkipReason, FirstOfKind>();
	#total = 0;

	/** Records skipped so far. */
	get total(): number {
		return this.#total;
	}

	/**
	 * Counts an invalid record at `at` (a path in a JSON document) on `line`, given as a number or
	 * as a function asked only for the first record of each kind (finding it may cost a scan).
	 */
	skip(error: InvalidRecordError, at: JsonPath, line?: number | (() => number | null)): void {
		this.#total++;
		const kind = this.#kinds.get(error.reason);
		if (kind) kind.count++;
		else {
			const found = typeof line === 'function' ? (line() ?? undefined) : line;
			this.#kinds.set(error.reason, { count: 1, line: found, at, detail: `${formatJsonPath(at) || 'the document'}${error.what}` });
		}
	}

	/**
	 * Throws `TelemetryMalformed` naming `display` and the first invalid record when more than
	 * `MAX_INVALID_SHARE` of its records are invalid: that is a wrong or damaged input, not a few
	 * bad records. `valid` is how many records were read.
	 */
	assertMostlyValid(display: string, valid: number): void {
		const total = this.#total + valid;
		if (this.#total === 0 || this.#total <= MAX_INVALID_SHARE * total) return;
		const first = this.#kinds.values().next().value as FirstOfKind;
		throw new HalflifeError('TelemetryMalformed', {
			location: { file: display, line: first.line },
			params: {
				detail: `${display}: ${this.#total} of its ${total} records are invalid, more than half, so it is not read: a wrong or damaged export rather than a few bad records. The first: ${first.detail}.`,
			},
		});
	}

	/** Each kind skipped, in the order first met. */
	list(): SkippedKind[] {
		return [...this.#kinds].map(([reason, kind]) => ({ reason, count: kind.count, line: kind.line ?? null, detail: kind.detail, at: kind.at }));
	}
}

/** The kinds with the line of each first record found from its path in `text`, the JSON document they were read from. */
export function locateSkipped(kinds: SkippedKind[], text: string): SkippedKind[] {
	return kinds.map((kind) => (kind.line === null && kind.at ? { ...kind, line: jsonPathLine(text, kind.at) } : kind));
}

/** The kinds as a snapshot's input records them: without paths, and left out when there are none. */
export function skippedForSnapshot(kinds: SkippedKind[]): { skipped?: Omit<SkippedKind, 'at'>[] } {
	return kinds.length === 0 ? {} : { skipped: kinds.map(({ reason, count, line, detail }) => ({ reason, count, line, detail })) };
}

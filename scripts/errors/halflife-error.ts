import { errorCatalog, type ErrorName } from './catalog.ts';

/** Where in an input file a problem was found (1-based line and column). */
export interface ErrorLocation {
	file: string;
	line?: number | undefined;
	column?: number | undefined;
}

/** Options for one error: where it happened, the values its message needs, what caused it. */
export interface HalflifeErrorOptions {
	location?: ErrorLocation | undefined;
	params?: Record<string, string | number> | undefined;
	cause?: unknown;
}

/**
 * A user-facing error from the catalog: something in the inputs or the setup is wrong
 * and the user can fix it. Anything that is not a HalflifeError is a bug in Halflife.
 */
export class HalflifeError extends Error {
	override readonly name: ErrorName;
	/** Short, stable title of the problem, shown in bold. */
	readonly title: string;
	/** What to do about it. */
	readonly hint: string;
	/** Where in the inputs the problem is, when known. */
	readonly location: ErrorLocation | undefined;

	constructor(name: ErrorName, options: HalflifeErrorOptions = {}) {
		const entry = errorCatalog[name];
		const params = options.params ?? {};
		super(fill(entry.message, params), { cause: options.cause });
		this.name = name;
		this.title = entry.title;
		this.hint = fill(entry.hint, params);
		this.location = options.location;
	}
}

/** A problem collected during validation; many are reported together, and warnings do not fail a run. */
export interface Problem {
	severity: 'error' | 'warning';
	error: HalflifeError;
}

/** Thrown when validation found one or more errors; carries every problem, not only the first. */
export class ProblemsError extends Error {
	override readonly name = 'ProblemsError';
	/** Every problem found, errors and warnings. */
	readonly problems: Problem[];
	constructor(problems: Problem[]) {
		super(`${problems.filter((p) => p.severity === 'error').length} problem(s) in the inputs`);
		this.problems = problems;
	}
}

/** Formats `file:line:column` for a location, or an empty string. */
export function formatLocation(location: ErrorLocation | undefined): string {
	if (!location) return '';
	let text = location.file;
	if (location.line !== undefined) text += `:${location.line}`;
	if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`;
	return text;
}

/** Renders an error as the lines a person reads in a terminal: where, what, and what to do. */
export function formatError(error: HalflifeError, severity: Problem['severity'] = 'error'): string {
	const where = formatLocation(error.location);
	const head = `${severity} ${error.name}${where ? ` ${where}` : ''}: ${error.title}`;
	return [head, `  ${error.message}`, `  hint: ${error.hint}`].join('\n');
}

function fill(template: string, params: Record<string, string | number>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
		key in params ? String(params[key]) : whole,
	);
}

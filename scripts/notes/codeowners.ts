/** One rule of a CODEOWNERS file: a path pattern and who owns what it matches. */
export interface CodeownersRule {
	/** The pattern as written. */
	pattern: string;
	/** Owners as written (`@user`, `@org/team`, `name@example.com`); empty when the rule leaves the files unowned. */
	owners: string[];
	/** 1-based line in the file. */
	line: number;
	/** The pattern, translated. */
	regex: RegExp;
}

/** A CODEOWNERS file, read: its rules in file order and the lines GitHub would skip. */
export interface Codeowners {
	/** Path of the file inside the repository (`.github/CODEOWNERS`). */
	file: string;
	rules: CodeownersRule[];
	/** Lines skipped as invalid, with why. */
	skipped: { line: number; reason: string }[];
}

const OWNER = /^(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?|[^\s@]+@[^\s@]+\.[^\s@]+)$/;

/**
 * Parses a CODEOWNERS file as GitHub reads it: `#` comments, blank lines, one gitignore-style
 * pattern then owners per line. GitHub skips a line it cannot read (negation, `[ ]` ranges, an
 * owner that is neither `@user`, `@org/team` nor an email), so this does too and says why.
 */
export function parseCodeowners(file: string, text: string): Codeowners {
	const rules: CodeownersRule[] = [];
	const skipped: Codeowners['skipped'] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		const line = i + 1;
		const words = withoutComment(raw).trim().split(/\s+/).filter(Boolean);
		const [pattern, ...owners] = words.map((word) => word.replace(/\\(.)/g, '$1'));
		if (pattern === undefined) return;
		const problem = patternProblem(words[0]!) ?? owners.map((o) => (OWNER.test(o) ? null : `\`${o}\` is not @user, @org/team or an email`)).find(Boolean);
		if (problem) skipped.push({ line, reason: problem });
		else rules.push({ pattern, owners, line, regex: patternRegex(pattern) });
	});
	return { file, rules, skipped };
}

/** The rule that decides who owns a path (relative to the repository root, `/`-separated): the last one matching it, or null. */
export function codeownersRule(codeowners: Codeowners, filePath: string): CodeownersRule | null {
	const target = filePath.replace(/^\/+/, '');
	return codeowners.rules.findLast((rule) => rule.regex.test(target)) ?? null;
}

// A `#` starts a comment at the start of a line or after a space; `\#` is a literal one.
function withoutComment(line: string): string {
	const at = line.search(/(^|\s)#/);
	return at === -1 ? line : line.slice(0, at);
}

function patternProblem(pattern: string): string | null {
	if (pattern.startsWith('!')) return 'negation (`!`) is not supported by CODEOWNERS';
	if (/(^|[^\\])[[\]]/.test(pattern)) return 'character ranges (`[ ]`) are not supported by CODEOWNERS';
	return null;
}

/**
 * Translates a pattern: one with a `/` before its end is anchored to the root, one without matches
 * at any depth; `*` and `?` stay within a folder, `**` crosses them. A pattern matches a file or a
 * folder, and a folder owns everything under it, except `dir/*`, which GitHub documents as the
 * files directly in `dir`.
 */
export function patternRegex(pattern: string): RegExp {
	const directory = pattern.endsWith('/');
	const body = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
	const anchored = pattern.slice(0, -1).includes('/');
	const segments = body.split('/');
	let source = '';
	segments.forEach((segment, i) => {
		const last = i === segments.length - 1;
		if (segment === '**') {
			// `a/**/b` matches `a/b` too; a trailing `**` matches everything under.
			source += last ? '.*' : '(?:[^/]+/)*';
			return;
		}
		source += segmentSource(segment) + (last ? '' : '/');
	});
	const lead = anchored || body.startsWith('**') ? '^' : '^(?:.*/)?';
	const onlyDirect = segments.at(-1) === '*' && segments.length > 1;
	const tail = directory ? '/.*$' : onlyDirect ? '$' : '(?:/.*)?$';
	return new RegExp(lead + source + tail, 's');
}

function segmentSource(segment: string): string {
	let out = '';
	for (let i = 0; i < segment.length; i++) {
		const c = segment[i]!;
		if (c === '*') {
			while (segment[i + 1] === '*') i++;
			out += '[^/]*';
		} else if (c === '?') {
			out += '[^/]';
		} else {
			out += c.replace(/[.+^${}()|\\]/g, '\\$&');
		}
	}
	return out;
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One commit's change to one note file, as far as review kinds need it. */
export interface NoteCommit {
	/** Full commit hash. */
	commit: string;
	/** Committer date, `YYYY-MM-DD` in UTC. */
	date: string;
	/** Author email as git recorded it. */
	author: string;
	/** The `reviewed:` value this commit wrote into the frontmatter, or null when it wrote none. */
	reviewedSet: string | null;
	/** Whether it changed anything but review dates (`reviewed:` lines and `{reviewed=…}` heading markers). */
	textChanged: boolean;
}

/** What git knows about the history of every note under a folder. */
export interface NoteHistories {
	/** Whether git can tell: the folder is in a work tree with commits, and the clone is not shallow. */
	known: boolean;
	/** The repository's top folder, or null outside one. */
	root: string | null;
	/** The folder's path inside the repository (`content/`, or empty at the top), for CODEOWNERS patterns. */
	prefix: string;
	/** Each note file's commits, newest first, by path relative to the folder. */
	files: Map<string, NoteCommit[]>;
}

const HEADER = '\x01';
const REVIEWED_LINE = /^reviewed\s*:\s*(.*)$/;
const HEADING_MARKER = /\s*\{reviewed=[^}]*\}/g;

/**
 * Reads the history of every note under `dir/notes` from one `git log -p` over the folder, never
 * one per file (sites have a thousand notes). A shallow clone gives `known: false`: its oldest
 * commit would look as if it wrote every note whole.
 */
export async function noteHistories(dir: string): Promise<NoteHistories> {
	let root: string;
	let prefix: string;
	let shallow: boolean;
	try {
		const { stdout } = await git(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository', '--show-prefix']);
		const [top = '', shallowLine = '', prefixLine = ''] = stdout.split('\n');
		[root, shallow, prefix] = [top, shallowLine === 'true', prefixLine];
	} catch {
		return { known: false, root: null, prefix: '', files: new Map() };
	}
	if (shallow) return { known: false, root, prefix, files: new Map() };
	const log = await patchLog(dir);
	return { known: log !== null, root, prefix, files: log === null ? new Map() : parseLog(log, prefix) };
}

/** Splits `git log -p -U0` output into each note file's commits, newest first. */
export function parseLog(log: string, prefix: string): Map<string, NoteCommit[]> {
	const files = new Map<string, NoteCommit[]>();
	let head = { commit: '', date: '', author: '' };
	let file: { path: string | null; added: string[]; removed: string[] } | null = null;
	let inHunk = false;
	const flush = () => {
		if (!file?.path?.startsWith(prefix)) return;
		const key = file.path.slice(prefix.length);
		const set = file.added.map((line) => REVIEWED_LINE.exec(line)).find((m) => m !== null);
		const entry: NoteCommit = { ...head, reviewedSet: set ? dateValue(set[1]!) : null, textChanged: textChanged(file.added, file.removed) };
		files.set(key, [...(files.get(key) ?? []), entry]);
	};
	for (const raw of log.split('\n')) {
		const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
		if (line.startsWith(HEADER)) {
			flush();
			file = null;
			const [commit = '', seconds = '0', author = ''] = line.slice(HEADER.length).split('\0');
			head = { commit, date: new Date(Number(seconds) * 1000).toISOString().slice(0, 10), author };
		} else if (line.startsWith('diff --git ')) {
			flush();
			file = { path: null, added: [], removed: [] };
			inHunk = false;
		} else if (!file) {
			continue;
		} else if (!inHunk && line.startsWith('--- ')) {
			file.path ??= pathOf(line.slice(4), 'a/');
		} else if (!inHunk && line.startsWith('+++ ')) {
			file.path = pathOf(line.slice(4), 'b/') ?? file.path;
		} else if (line.startsWith('@@')) {
			inHunk = true;
		} else if (inHunk && line.startsWith('+')) {
			file.added.push(line.slice(1));
		} else if (inHunk && line.startsWith('-')) {
			file.removed.push(line.slice(1));
		}
	}
	flush();
	return files;
}

// The text a line says once review dates are taken out; null for a `reviewed:` line, which says nothing else.
function textOf(line: string): string | null {
	return REVIEWED_LINE.test(line) ? null : line.replace(HEADING_MARKER, '');
}

// Lines removed and added that say the same once dates are out (a heading whose date moved) cancel out.
function textChanged(added: readonly string[], removed: readonly string[]): boolean {
	const count = new Map<string, number>();
	for (const line of added.map(textOf)) if (line !== null) count.set(line, (count.get(line) ?? 0) + 1);
	for (const line of removed.map(textOf)) if (line !== null) count.set(line, (count.get(line) ?? 0) - 1);
	return [...count.values()].some((n) => n !== 0);
}

// `2026-11-13`, `'2026-11-13'` or `"2026-11-13"  # comment` all say the same date.
function dateValue(text: string): string {
	return text
		.replace(/\s+#.*$/, '')
		.trim()
		.replace(/^(['"])(.*)\1$/, '$2');
}

function pathOf(field: string, side: string): string | null {
	// git ends the name with a tab when it holds a space, so the line's end stays unambiguous.
	const text = field.endsWith('\t') ? field.slice(0, -1) : field;
	if (text === '/dev/null') return null;
	const plain = text.startsWith('"') ? unquote(text) : text;
	return plain.startsWith(side) ? plain.slice(side.length) : null;
}

// git quotes a path holding a quote, backslash or control character C-style, bytes as octal escapes.
function unquote(text: string): string {
	const bytes: number[] = [];
	const inner = text.slice(1, -1);
	const simple: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
	for (let i = 0; i < inner.length; i++) {
		const c = inner[i]!;
		if (c !== '\\') {
			bytes.push(...Buffer.from(c, 'utf8'));
		} else if (/[0-7]{3}/.test(inner.slice(i + 1, i + 4))) {
			bytes.push(parseInt(inner.slice(i + 1, i + 4), 8));
			i += 3;
		} else {
			bytes.push(simple[inner[i + 1]!] ?? 92);
			i += 1;
		}
	}
	return Buffer.from(bytes).toString('utf8');
}

async function patchLog(dir: string): Promise<string | null> {
	try {
		// Explicit flags so user configuration (prefixes, colour, external diff tools, signatures) cannot change the output.
		const { stdout } = await git(dir, [
			'-c',
			'core.quotePath=false',
			'log',
			'-p',
			'-U0',
			`--format=${HEADER}%H%x00%ct%x00%ae`,
			'--no-renames',
			'--no-relative',
			'--no-color',
			'--no-ext-diff',
			'--no-textconv',
			'--no-show-signature',
			'--src-prefix=a/',
			'--dst-prefix=b/',
			'--',
			'notes',
		]);
		return stdout;
	} catch {
		// A repository without commits yet has no history: git cannot tell.
		return null;
	}
}

function git(dir: string, args: string[]): Promise<{ stdout: string }> {
	// Never through a shell: the folder and the file names in it are untrusted.
	return run('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: Infinity, windowsHide: true });
}

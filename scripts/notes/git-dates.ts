import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What git knows about when the files of a folder last changed. */
export interface GitDates {
	/** Whether the folder is inside a git work tree (and git is installed). */
	repository: boolean;
	/** Whether the clone is shallow, so old files look as if they changed in the newest commit. */
	shallow: boolean;
	/** Committer date (`YYYY-MM-DD`, UTC) of the last commit that touched each tracked file, by path relative to the folder. */
	dates: Map<string, string>;
}

// Starts each commit's line in the log, so it cannot be mistaken for a path (no sane file name starts with \x01).
const HEADER = '\x01';

/**
 * Reads the last commit date of every tracked file under `dir` from one `git log` over the whole
 * folder, not one per file, so large note folders stay fast. A folder outside any repository, or
 * a machine without git, gives `repository: false` instead of an error.
 */
export async function lastCommitDates(dir: string): Promise<GitDates> {
	let shallow: boolean;
	let prefix: string;
	try {
		const { stdout } = await git(dir, ['rev-parse', '--is-shallow-repository', '--show-prefix']);
		const [shallowLine = '', prefixLine = ''] = stdout.split('\n');
		shallow = shallowLine === 'true';
		prefix = prefixLine;
	} catch {
		return { repository: false, shallow: false, dates: new Map() };
	}
	const [tracked, log] = await Promise.all([trackedFiles(dir), commitLog(dir)]);
	const dates = new Map<string, string>();
	let date = '';
	let afterHeader = false;
	for (const token of log.split('\0')) {
		// `-z` ends the format line with NUL, then git still writes a newline before the first path.
		const field: string = afterHeader && token.startsWith('\n') ? token.slice(1) : token;
		afterHeader = field.startsWith(HEADER);
		if (afterHeader) {
			date = new Date(Number(field.slice(HEADER.length)) * 1000).toISOString().slice(0, 10);
			continue;
		}
		if (!field.startsWith(prefix)) continue;
		const file = field.slice(prefix.length);
		// The log is newest first, so the first date seen for a file is its last change; deleted files are skipped.
		if (tracked.has(file) && !dates.has(file)) dates.set(file, date);
	}
	return { repository: true, shallow, dates };
}

async function trackedFiles(dir: string): Promise<Set<string>> {
	// Without --full-name, ls-files lists the files under `dir` relative to it, like the keys of the result.
	const { stdout } = await git(dir, ['ls-files', '-z']);
	return new Set(stdout.split('\0').filter((file) => file !== ''));
}

async function commitLog(dir: string): Promise<string> {
	try {
		// Explicit flags so user configuration (log.showSignature, diff.relative, log.showRoot) cannot change the output.
		const { stdout } = await git(dir, [
			'-c',
			'log.showRoot=true',
			'log',
			`--format=${HEADER}%ct`,
			'--name-only',
			'--no-renames',
			'--no-relative',
			'--no-show-signature',
			'-z',
			'--',
			'.',
		]);
		return stdout;
	} catch (error) {
		// A repository without commits yet has no history to read, which is not an error.
		const head = await git(dir, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
			() => true,
			() => false,
		);
		if (!head) return '';
		throw error;
	}
}

function git(dir: string, args: string[]): Promise<{ stdout: string }> {
	// Never through a shell: the folder and the file names in it are untrusted.
	return run('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: Infinity, windowsHide: true });
}

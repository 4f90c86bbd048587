import { readFile, readlink } from 'node:fs/promises';
import { hostname } from 'node:os';

/** What tells a process apart from any other, now or later: its pid alone does not, as the system reuses pids. */
export interface ProcessIdentity {
	/** Process id. */
	pid: number;
	/** Name of the machine it runs on. */
	host: string;
	/** Linux: the pid namespace, as containers on one machine each count pids their own way; null elsewhere. */
	pidNamespace: string | null;
	/** Linux: boot id and start time since boot, which a process that reuses the pid does not share; null where unknown. */
	started: string | null;
}

/** What can be said here of a process another one recorded. */
export type ProcessState = 'running' | 'gone' | 'elsewhere';

let self: Promise<ProcessIdentity> | undefined;

/** This process's identity, as others should record it. */
export function currentProcess(): Promise<ProcessIdentity> {
	self ??= (async () => ({
		pid: process.pid,
		host: hostname(),
		pidNamespace: await readlink('/proc/self/ns/pid').catch(() => null),
		started: await startOf(process.pid),
	}))();
	return self;
}

/**
 * Whether a recorded process still runs. `gone` only when sure: no process has its pid, or the
 * one that has it started at another time (the pid was reused). A process on another machine or
 * in another container is `elsewhere`: this machine's pids say nothing about it.
 */
export async function processState(recorded: ProcessIdentity): Promise<ProcessState> {
	const here = await currentProcess();
	if (recorded.host !== here.host || recorded.pidNamespace !== here.pidNamespace) return 'elsewhere';
	try {
		process.kill(recorded.pid, 0);
	} catch (error) {
		// EPERM: the process exists, under another user.
		if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
	}
	if (recorded.started === null) return 'running';
	const started = await startOf(recorded.pid);
	return started !== null && started !== recorded.started ? 'gone' : 'running';
}

// Linux only: the boot id, and field 22 of /proc/<pid>/stat (start time in clock ticks after boot).
async function startOf(pid: number): Promise<string | null> {
	try {
		const [boot, stat] = await Promise.all([readFile('/proc/sys/kernel/random/boot_id', 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
		// The command name in parentheses may hold spaces and parentheses: fields are counted after the last one.
		const ticks = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
		return ticks ? `${boot.trim()}:${ticks}` : null;
	} catch {
		return null;
	}
}

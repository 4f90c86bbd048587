import { compare } from '../lib/compare.ts';
import { escapeMarkdown } from '../lib/escape-markdown.ts';
import { describeQueueItem } from './describe-queue-item.ts';
import type { Model, QueueItem } from './model-schema.ts';

/** Teams the digest's table shows, the most changed first; the rest are counted. */
export const DIGEST_TEAMS = 20;

/** Items listed under each team's "opened" and "closed", the riskiest first; the rest are counted. */
export const DIGEST_ITEMS = 10;

// One team's queue in two builds.
interface TeamChange {
	name: string;
	open: number;
	before: number;
	opened: QueueItem[];
	closed: QueueItem[];
}

/**
 * A short Markdown digest of how the teams' review queues changed since the previous build: per
 * team, what is open and by how much that moved, then what opened and what closed. Every name is
 * escaped for Markdown, so a hostile service or team name cannot break the table or inject markup.
 */
export function teamDigest(model: Model, previous: Model | null): string {
	const teams = teamChanges(model, previous);
	const sum = (count: (t: TeamChange) => number) => teams.reduce((n, t) => n + count(t), 0);
	const lines = [`## Review queues, build ${model.build.id} (${model.build.now.slice(0, 10)})`, ''];
	const since = previous ? `Since build ${previous.build.id} (${previous.build.now.slice(0, 10)})` : 'First build';
	lines.push(`${since}: ${sum((t) => t.opened.length)} opened, ${sum((t) => t.closed.length)} closed, ${sum((t) => t.open)} open.`);
	const moved = teams.filter((t) => t.open > 0 || t.before > 0).sort((a, b) => b.opened.length + b.closed.length - (a.opened.length + a.closed.length) || b.open - a.open || compare(a.name, b.name));
	if (moved.length === 0) return `${lines.join('\n')}\n`;
	lines.push('', '| Team | Open | Change | Opened | Closed |', '| --- | ---: | ---: | ---: | ---: |');
	for (const t of moved.slice(0, DIGEST_TEAMS)) lines.push(`| ${escapeMarkdown(t.name)} | ${t.open} | ${signed(t.open - t.before)} | ${t.opened.length} | ${t.closed.length} |`);
	if (moved.length > DIGEST_TEAMS) lines.push('', `And ${moved.length - DIGEST_TEAMS} more teams.`);
	for (const t of moved.slice(0, DIGEST_TEAMS).filter((t) => t.opened.length + t.closed.length > 0)) {
		lines.push('', `### ${escapeMarkdown(t.name)}`);
		list(lines, 'Opened', t.opened);
		list(lines, 'Closed', t.closed);
	}
	return `${lines.join('\n')}\n`;
}

// Every team of either build, with its items opened and closed between them.
function teamChanges(model: Model, previous: Model | null): TeamChange[] {
	const before = new Map((previous?.teams ?? []).map((t) => [t.id, t]));
	const ids = [...new Set([...model.teams.map((t) => t.id), ...before.keys()])].sort(compare);
	const now = new Map(model.teams.map((t) => [t.id, t]));
	return ids.map((id) => {
		const [after, old] = [now.get(id), before.get(id)];
		const keys = new Set(after?.queue.map((i) => i.key));
		const oldKeys = new Set(old?.queue.map((i) => i.key));
		return {
			name: after?.name ?? old!.name,
			open: after?.queue.length ?? 0,
			before: old?.queue.length ?? 0,
			opened: (after?.queue ?? []).filter((i) => !oldKeys.has(i.key)),
			closed: (old?.queue ?? []).filter((i) => !keys.has(i.key)),
		};
	});
}

function list(lines: string[], title: string, items: QueueItem[]): void {
	if (items.length === 0) return;
	lines.push('', `${title}:`, '');
	const riskiest = [...items].sort((a, b) => b.risk - a.risk || compare(a.key, b.key));
	for (const item of riskiest.slice(0, DIGEST_ITEMS)) lines.push(`- ${describeQueueItem(item, escapeMarkdown)}`);
	if (items.length > DIGEST_ITEMS) lines.push(`- and ${items.length - DIGEST_ITEMS} more`);
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

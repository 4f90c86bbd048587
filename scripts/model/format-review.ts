import { plural } from '../lib/plural.ts';
import type { ReviewResult } from '../review.ts';
import { describeQueueItem } from './describe-queue-item.ts';

/** Items `halflife review` prints per team; the rest are on the team's queue page and in `--json`. */
export const REVIEW_ROWS = 10;

/** Renders review queues as `halflife review` prints them: per team, its oldest and riskiest items, the rest counted. */
export function formatReview(result: ReviewResult): string {
	const lines = [`Review queues of build ${result.build} (${result.now.slice(0, 10)})`];
	if (result.teams.length === 0) lines.push('', 'No teams.');
	for (const team of result.teams) {
		lines.push('', `${team.name} (${team.id}): ${team.queue.length === 0 ? 'nothing open' : `${plural(team.queue.length, 'open item')}`}`);
		for (const item of team.queue.slice(0, REVIEW_ROWS)) {
			lines.push(`  ${describeQueueItem(item)} · open since ${item.openSince.date} (${plural(item.buildsOpen, 'build')}) · risk ${item.risk.toFixed(1)}`);
		}
		const more = team.queue.length - REVIEW_ROWS;
		if (more > 0) lines.push(`  and ${more} more: ${team.page} on the site, or --team ${team.id} --json`);
	}
	return `${lines.join('\n')}\n`;
}

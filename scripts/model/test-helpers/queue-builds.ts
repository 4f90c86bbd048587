import { checkOwners } from '../check-owners.ts';
import { mergeModel } from '../merge-model.ts';
import type { Model } from '../model-schema.ts';
import { call, content, note, seen, snapshot, team } from './model-inputs.ts';

/** The clock of weekly build `n`, from Monday 2 November 2026. */
export const queueWeek = (n: number): Date => new Date(Date.UTC(2026, 10, 2 + 7 * n));
const at = (n: number, hours: number) => new Date(queueWeek(n).getTime() - hours * 3_600_000).toISOString();

/**
 * Weekly build `n` (id `b<n>`) of a small system whose teams leave things open and close some.
 * Commerce's checkout declares loyalty (never seen) and calls cart without saying so; cart's note
 * and its Runbook are old; checkout calls mystery, which nobody describes; payments' pay calls
 * legacy, whose owner has left. In week 1 cart is reviewed; from week 2 checkout calls tax too.
 * `names` renames services and teams (hostile names, say); `previous` is the build before.
 */
export function queueBuild(n: number, previous: Model | null, names: Readonly<Record<string, string>> = {}): Model {
	const name = (s: string) => names[s] ?? s;
	const cartReviewed = n >= 1 ? '2026-11-05' : '2026-03-01';
	const cart = { ...note(name('cart'), name('commerce'), cartReviewed), sections: [{ heading: 'Runbook', depth: 2, line: 9, reviewed: '2026-01-10' }] };
	const beliefs = content(
		[
			note(name('checkout'), name('commerce'), '2026-10-20', [name('loyalty')]),
			cart,
			note(name('loyalty'), name('commerce'), '2026-10-20'),
			note(name('pay'), name('payments'), '2026-10-20'),
			note(name('legacy'), 'user:jdoe', '2026-10-20'),
		],
		[team(name('commerce'), names['Commerce'] ?? 'Commerce'), team(name('payments'), 'Payments')],
	);
	const services = ['checkout', 'cart', 'mystery', 'pay', 'legacy', 'tax'].map(name);
	const calls: [string, string, number][] = [['checkout', 'cart', 40], ['checkout', 'mystery', 1], ['pay', 'legacy', 1], ...(n >= 2 ? [['checkout', 'tax', 1] as [string, string, number]] : [])];
	const edges = calls.map(([from, to, count]) => call(name(from), name(to), at(n, 30), at(n, 2), { calls: count }));
	return mergeModel(beliefs, snapshot(queueWeek(n), services.map((s) => seen(s, at(n, 50), at(n, 1))), edges), {
		buildId: `b${n}`,
		now: queueWeek(n),
		staleAfterDays: 90,
		problems: checkOwners(beliefs, ['jdoe']),
		previous,
	});
}

/** Builds 0 to `last` in order, each with the one before as its previous; the models, oldest first. */
export function queueBuilds(last: number, names: Readonly<Record<string, string>> = {}): Model[] {
	const models: Model[] = [];
	for (let n = 0; n <= last; n++) models.push(queueBuild(n, models.at(-1) ?? null, names));
	return models;
}

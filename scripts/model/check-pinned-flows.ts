import type { PinnedFlow } from '../config/start-options.ts';
import { HalflifeError } from '../errors/halflife-error.ts';
import { nearestName } from '../notes/nearest-name.ts';
import type { Model } from './model-schema.ts';
import { resolveName } from './reading-path.ts';

/** Fails the build on the first pinned flow that names a service nothing knows, with the nearest known name as the fix. */
export function checkPinnedFlows(model: Model, flows: readonly PinnedFlow[]): void {
	for (const [index, flow] of flows.entries()) {
		for (const name of flow.path) {
			if (resolveName(model, name) !== null) continue;
			const nearest = nearestName(name, model.services.flatMap((s) => [s.name, ...s.aliases]));
			throw new HalflifeError('PinnedFlowUnknown', {
				params: { title: flow.title, index, name, fix: nearest ? `Did you mean \`${nearest}\`?` : 'Check the spelling, or remove it from the flow.' },
			});
		}
	}
}

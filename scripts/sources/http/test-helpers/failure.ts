import { expect } from 'vitest';
import { HalflifeError } from '../../../errors/halflife-error.ts';

/** The HalflifeError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<HalflifeError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(HalflifeError);
	return error as HalflifeError;
}

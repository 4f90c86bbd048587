import { describe, expect, it } from 'vitest';
import { formatError, HalflifeError } from './halflife-error.ts';

describe('HalflifeError', () => {
	it('fills the message and hint from the catalog and formats a location', () => {
		const error = new HalflifeError('DuplicateService', {
			params: { service: 'cart', other: 'notes/cart-2.md' },
			location: { file: 'notes/cart.md', line: 2, column: 10 },
		});
		expect(error.message).toBe('Service `cart` is also described in notes/cart-2.md.');
		expect(formatError(error)).toBe(
			[
				'error DuplicateService notes/cart.md:2:10: Two notes describe the same service',
				'  Service `cart` is also described in notes/cart-2.md.',
				'  hint: Merge the two notes into one, or rename the service in one of them.',
			].join('\n'),
		);
	});
});

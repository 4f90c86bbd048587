import { describe, expect, it } from 'vitest';
import { scorePairs } from '../../scripts/model/calibration.ts';
import { brierMeaning, calibrationHeadline } from './calibration-text.ts';

// Seven dependencies at 85% (six seen), one at 30% (not seen).
const calibration = {
	previous: '20261116T000000Z',
	...scorePairs([...Array.from({ length: 7 }, (_, i) => ({ confidence: 0.85, seen: i < 6 })), { confidence: 0.3, seen: false }]),
};

describe('calibration text', () => {
	it('opens with the bin holding the most dependencies: how sure we were, and the share seen', () => {
		expect(calibrationHeadline(calibration)).toBe('Of the 7 dependencies we were 80–90% sure of at build 20261116T000000Z, 85.7% were seen in this build.');
		expect(calibrationHeadline({ ...calibration, ...scorePairs([]) })).toBeNull();
	});

	it('says what the Brier score means against a constant at the share seen', () => {
		// (6 × 0.15² + 0.85² + 0.3²) / 8 = (0.135 + 0.7225 + 0.09) / 8 = 0.1184; 6 of 8 seen, so a constant 75% scores 0.75 × 0.25 = 0.1875.
		const text = brierMeaning(calibration)!;
		expect(text).toContain('Brier score 0.118:');
		expect(text).toContain('over 8 dependencies');
		expect(text).toContain('(75.0%), would have scored 0.188, so the scores told the dependencies apart better');
		expect(brierMeaning({ ...calibration, ...scorePairs([]) })).toBeNull();
	});

	it('says so when the scores did worse than the constant', () => {
		const overconfident = { previous: 'b1', ...scorePairs([{ confidence: 0.95, seen: false }, { confidence: 0.95, seen: true }]) };
		expect(brierMeaning(overconfident)).toContain('did worse than that constant');
	});
});

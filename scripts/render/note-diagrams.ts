import type { Model } from '../model/model-schema.ts';
import type { Note } from '../notes/load-content.ts';
import { mermaidBlocks, parseNoteBody } from '../notes/parse-note-body.ts';
import { noteDiagramIds } from './note-diagram-ids.ts';
import type { DiagramInput } from './render-diagrams.ts';

/**
 * The Mermaid blocks of every note that is published, as diagrams to draw with the generated
 * ones, under the ids their pages mark them with. A broken note is published without its body,
 * so its blocks are not drawn.
 */
export function noteDiagrams(model: Model, notes: readonly Note[]): DiagramInput[] {
	const notesByService = new Map(notes.map((note) => [note.service, note]));
	const diagrams: DiagramInput[] = [];
	for (const service of model.services) {
		const note = service.broken ? undefined : notesByService.get(service.name);
		if (!note) continue;
		const idOf = noteDiagramIds(service.slug);
		for (const block of mermaidBlocks(parseNoteBody(note.body))) {
			const location = { file: note.file, line: note.bodyLine - 1 + (block.position?.start.line ?? 1) };
			diagrams.push({ id: idOf(block.value), source: block.value, location });
		}
	}
	return diagrams;
}

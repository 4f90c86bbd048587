/** A team file's contents: `content/teams/<id>.md`. */
export interface TeamFile {
	/** Kebab-case id, the file name without extension. */
	id: string;
	/** Display name. */
	name: string;
	/** One line about the team. */
	description: string;
	/** Where to reach them, such as a chat channel. */
	contact: string;
	/** A short paragraph. */
	body: string;
}

/** A note's contents: `content/notes/<service>.md` or `.mdx`. */
export interface NoteFile {
	/** Service name as telemetry reports it. */
	service: string;
	/** Owning team id. */
	owner: string;
	/** When a person last confirmed the note, `YYYY-MM-DD`. */
	reviewed: string;
	/** What the team believes the service calls. */
	dependsOn: readonly string[];
	/** One sentence. */
	description: string;
	/** The team's prose. */
	body: string;
	/** File extension. */
	format: 'md' | 'mdx';
}

/** A YAML scalar for `value`: plain when that is unambiguous, double-quoted (JSON syntax is valid YAML) otherwise. */
export function yamlScalar(value: string): string {
	const plain = /^[A-Za-z0-9][A-Za-z0-9 ._/:,()'-]*$/.test(value) && !/: |:$| #/.test(value) && !/^(true|false|yes|no|on|off|null|~|[0-9.:-]+)$/i.test(value);
	return plain ? value : JSON.stringify(value);
}

/** The text of a team file. */
export function formatTeam(team: TeamFile): string {
	return ['---', `name: ${yamlScalar(team.name)}`, `description: ${yamlScalar(team.description)}`, `contact: ${yamlScalar(team.contact)}`, '---', '', team.body, ''].join('\n');
}

/** The text of a note file: frontmatter with exactly the five note fields, then the body. */
export function formatNote(note: NoteFile): string {
	const deps = note.dependsOn.length === 0 ? ['dependsOn: []'] : ['dependsOn:', ...note.dependsOn.map((d) => `  - ${yamlScalar(d)}`)];
	// `reviewed` stays a bare date, as people write it.
	return ['---', `service: ${yamlScalar(note.service)}`, `owner: ${yamlScalar(note.owner)}`, `reviewed: ${note.reviewed}`, ...deps, `description: ${yamlScalar(note.description)}`, '---', '', note.body, ''].join('\n');
}

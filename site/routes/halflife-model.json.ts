import type { APIRoute } from 'astro';
import { model } from '../lib/build-data.ts';

/** The merged model of this build, for tools: services, edges with their status, freshness. */
export const GET: APIRoute = () => new Response(`${JSON.stringify(model, null, '\t')}\n`);

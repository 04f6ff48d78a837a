/** Response entries shared by the routes' schemas, so the OpenAPI document lists the problems. */
import { Problem } from '../../contract/api.ts';

export const readProblems = { 400: Problem, 404: Problem, 500: Problem } as const;
export const writeProblems = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem, 500: Problem } as const;

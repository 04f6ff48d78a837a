/**
 * What a repository refuses, in domain terms and a Dutch sentence for people. Repositories know
 * nothing of HTTP: problems.ts maps each class to its problem+json status at the edge.
 */
export class DomainError extends Error {}

/** The record asked for does not exist. */
export class NotFoundError extends DomainError {}

/** The caller may not do this to this record (e.g. an analist deleting someone else's duiding). */
export class ForbiddenError extends DomainError {}

/** The record's current state does not allow it (e.g. a duiding that still has actions). */
export class ConflictError extends DomainError {}

/** The input names something that does not hold (a gemeente outside the region, a missing duidingssessie). */
export class InvalidInputError extends DomainError {}

/** The three duiding repositories over one store, sharing one write queue and one `afterWrite`. */
import type { Store } from '../../store/store.ts';
import { createActionRepository } from './actionRepository.ts';
import { createDuidingRepository } from './duidingRepository.ts';
import { createDuidingssessieRepository } from './duidingssessieRepository.ts';
import type { AfterWrite } from './sql.ts';

export type { ActionRepository } from './actionRepository.ts';
export type { Actor, DuidingRepository } from './duidingRepository.ts';
export type { DuidingssessieRepository } from './duidingssessieRepository.ts';

export function createDuidingRepositories(store: Store, afterWrite: AfterWrite = () => {}) {
  return {
    duiding: createDuidingRepository(store, afterWrite),
    duidingssessies: createDuidingssessieRepository(store, afterWrite),
    actions: createActionRepository(store, afterWrite),
  };
}

export type DuidingRepositories = ReturnType<typeof createDuidingRepositories>;

/** The three duiding repositories over one store, sharing one write queue and one `afterWrite`. */
import type { Store } from '../../store/store.ts';
import { createActionRepository } from './actionRepository.ts';
import { createDuidingRepository } from './duidingRepository.ts';
import { createDuidingssessieRepository } from './duidingssessieRepository.ts';
import { createDuidingFigureReader } from './figures.ts';
import type { AfterWrite } from './sql.ts';
import { createIndicatorEngine, type IndicatorEngine } from '../../indicators/index.ts';

export type { ActionRepository } from './actionRepository.ts';
export type { Actor, DuidingRepository } from './duidingRepository.ts';
export type { DuidingssessieRepository } from './duidingssessieRepository.ts';

/** `engine`: the one the server reads figures with (a duiding's figures come from it); default a new one on `store`. */
export function createDuidingRepositories(store: Store, afterWrite: AfterWrite = () => {}, engine: IndicatorEngine = createIndicatorEngine(store)) {
  return {
    duiding: createDuidingRepository(store, createDuidingFigureReader(engine, store.region), afterWrite),
    duidingssessies: createDuidingssessieRepository(store, afterWrite),
    actions: createActionRepository(store, afterWrite),
  };
}

export type DuidingRepositories = ReturnType<typeof createDuidingRepositories>;

// The browser worker entry: one engine service per worker, exposed through Comlink on `self`.
import { EngineService } from './engine-service';
import { exposeEngine } from './expose';

exposeEngine(new EngineService());

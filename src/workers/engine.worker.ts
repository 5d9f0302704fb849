// The browser worker entry: one engine service per worker, exposed through Comlink on `self`.
import { EngineService } from './engine-service';
import { exposeEngine } from './expose';
import { announceClose } from './lifecycle';

announceClose(self);
exposeEngine(new EngineService());

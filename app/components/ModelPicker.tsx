// Task, training method (model) and numeric mode.
import { taskWord } from '../format/task-labels';
import { useLab } from '../store/lab-context';

export function ModelPicker() {
  const entries = useLab((s) => s.modelEntries);
  const task = useLab((s) => s.task);
  const modelId = useLab((s) => s.modelId);
  const selectTask = useLab((s) => s.selectTask);
  const selectModel = useLab((s) => s.selectModel);
  const tasks = [...new Set(entries.map((e) => e.task))];
  const inTask = entries.filter((e) => e.task === task);
  return (
    <div className="picker">
      {tasks.length > 1 && (
        <label>
          Task
          <select
            value={task ?? ''}
            onChange={(e) => void selectTask(e.target.value)}
            data-testid="task-select"
          >
            {tasks.map((t) => (
              <option key={t} value={t}>
                {taskWord(t)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Method
        <select
          value={modelId ?? ''}
          onChange={(e) => void selectModel(e.target.value)}
          data-testid="model-select"
          title={inTask.find((e) => e.id === modelId)?.label}
        >
          {/* The short method name keeps the header on one line; the full label is the tooltip. */}
          {inTask.map((e) => (
            <option key={e.id} value={e.id} title={e.label}>
              {e.method}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

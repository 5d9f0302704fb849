// The lab's right column, the same in every task: thresholds, the task's cost meter, its trade-off.
import type { ReactNode } from 'react';
import { Panel } from './Panel';
import { ThresholdControls } from './ThresholdControls';

interface Props {
  costTitle: string;
  cost: ReactNode;
  tradeoffTitle: string;
  tradeoff: ReactNode;
  tradeoffActions?: ReactNode;
}

export function RightColumn({ costTitle, cost, tradeoffTitle, tradeoff, tradeoffActions }: Props) {
  return (
    <div className="column column-right">
      <Panel title="Thresholds" area="thresholds">
        <ThresholdControls />
      </Panel>
      <Panel title={costTitle} area="cost">
        {cost}
      </Panel>
      <Panel title={tradeoffTitle} area="tradeoff" actions={tradeoffActions}>
        {tradeoff}
      </Panel>
    </div>
  );
}

// The driving task's page body: a simulated clip (or the live road) through the CNN and delta-GRU.
// Everything shown is simulated and computed by the workers; this view only draws it.
import { NetworkCanvas } from '../canvas/NetworkCanvas';
import { NetworkLegend } from '../components/NetworkLegend';
import { Panel } from '../components/Panel';
import { RightColumn } from '../components/RightColumn';
import { TradeoffPanel } from '../components/TradeoffPanel';
import { TourCaption } from '../kiosk/TourCaption';
import { useLab } from '../store/lab-context';
import { CameraCanvas } from './CameraCanvas';
import { DrivingCost } from './DrivingCost';
import { LiveRaster } from './LiveRaster';
import { DriveModeSwitch, RoadControls } from './RoadControls';
import { SteeringCanvas } from './SteeringCanvas';
import './driving.css';

export function DrivingView() {
  const drive = useLab((s) => s.drive);
  const live = drive === 'live';
  return (
    <main className="grid driving-grid" data-testid="driving-view" data-drive={drive}>
      <div className="column column-left">
        <Panel title="Camera (simulated)" area="camera" actions={<DriveModeSwitch />}>
          <CameraCanvas />
        </Panel>
        <Panel
          title={
            live ? 'Live road: steering, lane, firing (simulated)' : 'Steering: network vs driver (simulated)'
          }
          area="steering"
        >
          <SteeringCanvas />
        </Panel>
      </div>
      <Panel
        title={
          live
            ? 'Live road: GRU firing, closed loop (simulated)'
            : 'GRU: one cell per neuron (simulated clip)'
        }
        area="network"
        actions={live ? undefined : <NetworkLegend />}
      >
        {live ? (
          <>
            <RoadControls />
            <LiveRaster />
          </>
        ) : (
          <NetworkCanvas />
        )}
        <TourCaption />
      </Panel>
      <RightColumn
        costTitle="Cost per frame: CNN + GRU (simulated)"
        cost={<DrivingCost />}
        tradeoffTitle="Trade-off: steering RMSE vs GRU speedup (simulated)"
        tradeoff={<TradeoffPanel />}
      />
    </main>
  );
}

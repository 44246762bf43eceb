// A device's status in words, with what it means; never by colour alone.
import type { DeviceStatus } from "../../api/energyTypes.ts";
import { statusMeaning } from "../energy/energyFormat.ts";

export function DeviceStatusText({ status, reason }: { status: DeviceStatus; reason?: string | null }) {
  return (
    <span className={`status device-status-${status}`} data-status={status}>
      {status}
      <span className="status-meaning">
        {" "}
        — {statusMeaning(status)}
        {reason ? ` (reason: ${reason})` : ""}
      </span>
    </span>
  );
}

/** Expiration as Azure DevOps offers it: 30, 60 or 90 days, or a date picked, from tomorrow to the last day allowed. */
import * as React from "react";
import { getSafeId } from "azure-devops-ui/Util";
import { DAY_MS } from "../../../expiry/wire-time";
import { dayInput, validToFromDayInput } from "../expiry-input";
import { formatDay } from "../relative-day";
import { strings } from "../strings";

const PRESETS = [30, 60, 90];

export interface ExpiryChoice {
  preset: number | "custom";
  day: string;
}

export interface ExpiryPickerProps {
  /** Given as to azure-devops-ui controls: written "__bolt-<id>", so getSafeIdSelector finds it. */
  id: string;
  label: string;
  nowMs: number;
  /** The last day allowed, "YYYY-MM-DD" (see lastExpiryDay). */
  lastDay: string;
  value: ExpiryChoice;
  onChange(value: ExpiryChoice): void;
}

/** The presets that fall on or before `lastDay`. */
function presetsUpTo(nowMs: number, lastDay: string): number[] {
  return PRESETS.filter((d) => dayInput(nowMs + d * DAY_MS) <= lastDay);
}

/** Where the picker starts: the first preset later than `notBefore` ("YYYY-MM-DD"), else `fallbackDay` as a custom date. */
export function initialExpiryChoice(nowMs: number, lastDay: string, notBefore = "", fallbackDay = lastDay): ExpiryChoice {
  const preset = presetsUpTo(nowMs, lastDay).find((d) => dayInput(nowMs + d * DAY_MS) > notBefore);
  return preset !== undefined ? { preset, day: "" } : { preset: "custom", day: fallbackDay };
}

/** The validTo a choice means, or null when its date is not allowed. */
export function expiryValidTo(choice: ExpiryChoice, nowMs: number, lastDay: string): string | null {
  const day = choice.preset === "custom" ? choice.day : dayInput(nowMs + choice.preset * DAY_MS);
  return validToFromDayInput(day, nowMs, lastDay);
}

export function ExpiryPicker(props: ExpiryPickerProps): JSX.Element {
  const { id, label, nowMs, lastDay, value, onChange } = props;
  const validTo = expiryValidTo(value, nowMs, lastDay);
  const tomorrow = dayInput(nowMs + DAY_MS);
  const inMonth = dayInput(nowMs + 30 * DAY_MS);
  return (
    <div className="flex-row flex-wrap flex-center rhythm-horizontal-8 pat-expiry-picker">
      <select
        id={getSafeId(id)}
        className="pat-select"
        aria-label={label}
        value={String(value.preset)}
        onChange={(e) => {
          const preset = e.target.value === "custom" ? "custom" : Number(e.target.value);
          onChange({ preset, day: value.day || (inMonth > lastDay ? lastDay : inMonth) });
        }}
      >
        {presetsUpTo(nowMs, lastDay).map((d) => (
          <option key={d} value={String(d)}>
            {strings.expiryPreset(d)}
          </option>
        ))}
        <option value="custom">{strings.expiryCustom}</option>
      </select>
      {value.preset === "custom" && (
        <input
          type="date"
          id={getSafeId(`${id}-date`)}
          className="pat-date"
          aria-label={strings.expiryDateLabel}
          min={tomorrow}
          max={lastDay}
          value={value.day}
          onChange={(e) => onChange({ preset: "custom", day: e.target.value })}
        />
      )}
      <span className={validTo ? "secondary-text pat-expiry-result" : "pat-expiry-result pat-field-error"} role="status">
        {validTo ? strings.expiryResult(formatDay(validTo)) : strings.expiryOutOfRange(formatDay(`${lastDay}T00:00:00Z`))}
      </span>
    </div>
  );
}

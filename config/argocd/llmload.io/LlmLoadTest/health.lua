-- Argo CD health check for llmload.io/LlmLoadTest (plain Lua 5.1: Argo CD runs it in gopher-lua).
-- Progressing while a run is under way, Healthy when the latest run ended with verdict Pass or Degraded,
-- Degraded when it breached its SLOs, regressed, failed or was aborted, or the spec is invalid.
-- Used as an Argo CD hook (PostSync), Healthy means the hook succeeded and Degraded that it failed.
local hs = {}

local function condition(status, kind)
  if status.conditions ~= nil then
    for _, c in ipairs(status.conditions) do
      if c.type == kind then
        return c
      end
    end
  end
  return nil
end

-- "Label: detail", unless the detail already starts with the label (the operator writes "Aborted: reason").
local function withDetail(label, detail)
  if detail == nil or detail == "" then
    return label
  end
  if string.sub(detail, 1, string.len(label)) == label then
    return detail
  end
  return label .. ": " .. detail
end

if obj.status == nil or obj.status.phase == nil and obj.status.trigger == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the llmload operator"
  return hs
end

local status = obj.status
local generation = obj.metadata and obj.metadata.generation
if generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to read generation " .. generation
  return hs
end

local valid = condition(status, "Valid")
if valid ~= nil and valid.status == "False" then
  hs.status = "Degraded"
  hs.message = withDetail("Invalid test", valid.message)
  return hs
end

local phase = status.phase
if phase == nil or phase == "Pending" or phase == "Starting" or phase == "Running" then
  -- A triggered test that has not run yet (onCreate: false) is not busy: it waits for its rollout or schedule.
  if (phase == nil or phase == "Pending") and status.trigger ~= nil and status.trigger.state == "Waiting"
      and (status.history == nil or #status.history == 0) then
    hs.status = "Healthy"
    hs.message = withDetail("No run yet", status.trigger.message)
    return hs
  end
  hs.status = "Progressing"
  local text = phase or "Pending"
  if phase == "Running" and status.progress ~= nil and status.progress.stage ~= nil then
    text = text .. " (stage " .. status.progress.stage .. ")"
  end
  hs.message = withDetail(text, status.message)
  return hs
end

if phase == "Failed" or phase == "Aborted" then
  hs.status = "Degraded"
  hs.message = withDetail(phase, status.message)
  return hs
end

if phase == "Succeeded" then
  local regressed = condition(status, "Regressed")
  if regressed ~= nil and regressed.status == "True" then
    hs.status = "Degraded"
    hs.message = withDetail("Regressed", regressed.message)
    return hs
  end
  local summary = status.message or ("Finished: verdict " .. (status.verdict or "unknown") .. ".")
  if status.verdict == "Breach" then
    hs.status = "Degraded"
  else
    hs.status = "Healthy"
  end
  hs.message = summary
  return hs
end

hs.status = "Unknown"
hs.message = "Unknown phase " .. tostring(phase)
return hs

using System.Management.Automation;

namespace CacheMeta.Commands.Internal;

/// <summary>What every progress bar of the cmdlets does at its end.</summary>
internal static class ProgressBars
{
    /// <summary>
    /// Clears a bar; safe to call from a finally block while the pipeline is being stopped. False when the pipeline
    /// is being stopped (Ctrl+C: the host clears its bars itself, and the original stop must propagate, not this).
    /// </summary>
    public static bool Clear(Cmdlet cmdlet, int activityId, string activity)
    {
        try
        {
            cmdlet.WriteProgress(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            return true;
        }
        catch (PipelineStoppedException)
        {
            return false;
        }
    }
}

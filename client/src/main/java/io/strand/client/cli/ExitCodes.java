package io.strand.client.cli;

import io.strand.client.ConnectionException;
import io.strand.client.StrandClientException;
import java.io.PrintWriter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's exit codes, and the handler that turns a command's exception into one with a one-line
 * message on standard error: 0 ok, 1 the broker refused ("error: CODE: detail"), 2 usage error
 * (picocli's own), 3 the broker could not be reached.
 */
final class ExitCodes implements IExecutionExceptionHandler {

    static final int OK = 0;
    static final int BROKER_ERROR = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Throwable t = ex;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        PrintWriter err = commandLine.getErr();
        try {
            if (isUnreachable(t)) {
                String detail = ((StrandClientException) t).detail();
                err.println("error: cannot reach " + (detail.startsWith("broker ") ? detail : "the broker: " + detail));
                return UNREACHABLE;
            }
            if (t instanceof StrandClientException e) {
                err.println("error: " + e.code() + ": " + e.detail());
                return BROKER_ERROR;
            }
            err.println("error: " + t);
            return BROKER_ERROR;
        } finally {
            err.flush();
        }
    }

    private static boolean isUnreachable(Throwable t) {
        return t instanceof ConnectionException
                || (t instanceof StrandClientException && t.getCause() instanceof ConnectionException);
    }
}

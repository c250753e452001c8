package org.dalesweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aChainIsOneLineOfClassAndMessagePerLink() {
        Throwable e = new IllegalStateException("step 3", new IOException("disk\nfull"));
        assertEquals("IllegalStateException: step 3 <- caused by IOException: disk full", Failures.describe(e));
    }

    @Test
    void aWrapperRepeatingItsCauseIsLeftOut() {
        IOException cause = new IOException("no such file /x");
        Throwable e = new UncheckedIOException(cause); // message: "java.io.IOException: no such file /x"
        assertEquals("IOException: no such file /x", Failures.describe(e));
        Throwable wrapped = new RuntimeException("training failed", new RuntimeException(cause));
        assertEquals("RuntimeException: training failed <- caused by IOException: no such file /x",
                Failures.describe(wrapped));
        Throwable echoing = new RuntimeException("no such file /x", cause);
        assertEquals("RuntimeException: no such file /x", Failures.describe(echoing));
    }

    @Test
    void noMessageGivesTheClassAndErrorsAreDescribedAlike() {
        assertEquals("OutOfMemoryError: Java heap space", Failures.describe(new OutOfMemoryError("Java heap space")));
        assertEquals("NullPointerException", Failures.describe(new NullPointerException()));
        assertEquals("unknown failure", Failures.describe(null));
    }

    @Test
    void dalesweepsOwnExceptionsShowTheirMessageAlone() {
        Throwable e = new RuntimeException("run 3", new org.dalesweep.task.data.DataException("data/mnist: no such file"));
        assertEquals("RuntimeException: run 3 <- caused by data/mnist: no such file", Failures.describe(e));
    }

    @Test
    void aCycleEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertEquals("Exception: a <- caused by Exception: b", Failures.describe(a));
    }
}

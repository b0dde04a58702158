package dev.wharf.storage.s3;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * One client span per S3 call ({@code S3.PutObject}, {@code S3.UploadPart}), a child of the request being served, so
 * a trace shows where an upload's time went; the blocking client runs on the caller's thread, whose context (and
 * session, through the MDC) is the request's. A small interceptor rather than the OpenTelemetry AWS SDK library: the
 * platform's dependencies stay Quarkus's.
 */
final class S3Spans implements ExecutionInterceptor {
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("wharf.trace.span");

    private final Tracer tracer;

    S3Spans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Span span = tracer.spanBuilder("S3." + operation).setSpanKind(SpanKind.CLIENT)
                .setAttribute("rpc.system", "aws-api")
                .setAttribute("rpc.service", "S3")
                .setAttribute("rpc.method", operation)
                .startSpan();
        attributes.putAttribute(SPAN, span);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.setAttribute("http.response.status_code", context.httpResponse().statusCode());
            span.end();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.recordException(context.exception());
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}

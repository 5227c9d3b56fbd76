package io.strand.client.cli;

import io.strand.client.BrokerAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --broker host:port}; a malformed value is a usage error (exit code 2). */
final class BrokerAddressConverter implements ITypeConverter<BrokerAddress> {
    @Override
    public BrokerAddress convert(String value) {
        try {
            return BrokerAddress.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
